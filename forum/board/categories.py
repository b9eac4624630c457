"""The forum's fixed categories, created by `flask init-forum` (idempotent)."""
from sqlalchemy import select

from forum.extensions import db
from forum.models import Category

CATEGORIES = [
    ("remplacements", "Remplacements", "Trouver un·e remplaçant·e, proposer ses disponibilités, contrats et rétrocessions."),
    ("cotations-ngap", "Cotations NGAP", "AMI, AIS, BSI, IFD, IK, majorations : comment coter un acte."),
    ("logiciels", "Logiciels", "Logiciels de facturation et de tournée, télétransmission, matériel."),
    ("protocoles-de-soins", "Protocoles de soins", "Pansements, perfusions, diabète, soins palliatifs : partager les pratiques."),
    ("entraide", "Entraide", "Installation, URSSAF, CARPIMKO, vie du cabinet, coups de main entre collègues."),
    ("actualites", "Actualités", "Convention, avenants, Ordre, réglementation : ce qui change pour les IDEL."),
]

# Suggested NGAP tags offered when creating a topic (free tags are allowed too).
SUGGESTED_TAGS = ["AMI", "AIS", "BSI", "IFD", "IK", "MAU", "MCI", "MIE", "AMX", "DI"]


def ensure_categories() -> int:
    """Create the missing categories; returns how many were added."""
    existing = set(db.session.scalars(select(Category.slug)))
    added = 0
    for position, (slug, name, description) in enumerate(CATEGORIES):
        if slug not in existing:
            db.session.add(Category(slug=slug, name=name, description=description, position=position))
            added += 1
    db.session.commit()
    return added
