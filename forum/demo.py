"""Demo data for `flask seed-demo`: members, a moderator, realistic IDEL discussions.

Everything goes through the same services as real posts (so through moderation).
No demo text names a patient: the forum's own examples must respect the secret. One
member (Fatou Diallo) has no verified RPPS yet, so her first posts wait in the review queue.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select

from forum.board.categories import ensure_categories
from forum.extensions import db
from forum.models import Category, MemberStatus, Post, Role, Topic, User
from forum.models.base import utcnow

DEMO_PASSWORD = "demo-infirmiere-2026"

# (first name, last name, commune, département, status, software, interests)
MEMBERS = [
    ("Claire", "Moreau", "Quimper", "29", MemberStatus.titulaire, "Vega", None),
    ("Julien", "Lefèvre", "Brest", "29", MemberStatus.remplacant, "Albus", None),
    ("Sandrine", "Le Gall", "Morlaix", "29", MemberStatus.titulaire, "Agathe", None),
    ("Nadia", "Benali", "Lyon", "69", MemberStatus.collaborateur, "Oly", None),
    ("Thomas", "Girard", "Aurillac", "15", MemberStatus.titulaire, "Vega",
     "Formateur occasionnel pour un éditeur de logiciel de facturation (rémunéré)."),
    ("Émilie", "Fontaine", "Annecy", "74", MemberStatus.remplacant, "Swily", None),
    ("Karine", "Dubois", "Limoges", "87", MemberStatus.titulaire, "Cofidoc", None),
    ("Mathieu", "Nguyen", "Toulouse", "31", MemberStatus.titulaire, "Izyfact", None),
    ("Isabelle", "Roux", "Ajaccio", "2A", MemberStatus.titulaire, "Albus", None),
    ("Sophie", "Marchand", "Lille", "59", MemberStatus.remplacant, "Vega", None),
    ("Fatou", "Diallo", "Saint-Denis", "93", MemberStatus.collaborateur, "Ozzen", None),
    ("Pierre", "Lambert", "Gap", "05", MemberStatus.titulaire, "Medimust", None),
]
MODERATOR = ("Anne", "Perrin", "moderation@demo.entre-idel.fr")

# (category slug, author index, title, body, tags, [(author index, reply)…])
THREADS = [
    ("cotations-ngap", 1, "Cumul AMI 4 pansement complexe et BSI : comment coter ?",
     "Bonjour à toutes et tous,\n\nJe remplace depuis peu et je bloque sur un cas : un patient en BSI "
     "qui a aussi un pansement complexe d'ulcère. Est-ce que je peux coter le pansement en plus du "
     "forfait BSI, et à quel taux ? Je trouve tout et son contraire sur les groupes.\n\nMerci !",
     ["BSI", "AMI"],
     [(0, "Oui, les pansements complexes (AMI 4) se cumulent avec le forfait BSI, à taux plein : "
          "c'est l'article 11B de la NGAP. Vérifie quand même la dernière version sur Ameli, ça a "
          "bougé avec l'avenant 9."),
      (4, "Je confirme, et pense à la MCI si c'est un pansement lourd et complexe nécessitant des "
          "conditions d'hygiène particulières. Source : NGAP titre XVI, chapitre I.")]),
    ("cotations-ngap", 7, "IFD ou IK en agglomération ?",
     "Petite question bête : en ville (Toulouse), je cote uniquement l'IFD à chaque passage, "
     "jamais d'IK, on est d'accord ? Une collègue me dit qu'on peut dès qu'on dépasse 2 km.",
     ["IFD", "IK"],
     [(6, "Les IK ne sont dues que si le domicile est situé hors de l'agglomération où est le "
          "cabinet, avec l'abattement prévu. En pleine ville, c'est IFD seule."),
      (3, "Pareil à Lyon, IFD uniquement. Attention aux contrôles de la CPAM sur les IK, ils "
          "sont fréquents en ce moment.")]),
    ("remplacements", 0, "Cherche remplaçant·e pour août dans le Finistère",
     "Bonjour, je cherche un·e remplaçant·e du 1er au 24 août, cabinet de groupe à Quimper, "
     "tournée du matin (environ 25 patients) et un soir sur deux. Logiciel Vega, véhicule "
     "personnel nécessaire. Rétrocession à discuter. Contactez-moi par message privé.",
     ["remplacement"],
     [(1, "Bonjour Claire, je suis disponible sur cette période, je connais Vega. Je vous "
          "écris en privé."),
      (9, "Si ça ne se fait pas avec Julien, je suis dispo la deuxième quinzaine.")]),
    ("remplacements", 5, "Contrat de remplacement : obligatoire pour un week-end ?",
     "On me propose des week-ends ponctuels. Faut-il vraiment un contrat écrit envoyé au CDOI "
     "pour 48 h ?",
     ["contrat"],
     [(2, "Oui : au-delà de 24 heures, le contrat écrit est obligatoire et transmis au CDOI par "
          "les deux parties. Même pour des remplacements courts répétés."),
      (11, "Et vérifie que ton autorisation de remplacement est toujours valide, elle dure un an.")]),
    ("logiciels", 4, "Vega ou Albus pour une installation seule en rural ?",
     "Je m'installe seul en zone rurale, réseau 4G très moyen. Quel logiciel gère le mieux le "
     "travail hors ligne pendant la tournée ? J'hésite entre Vega et Albus.",
     ["logiciel"],
     [(8, "J'ai Albus depuis trois ans, le mode hors ligne sur téléphone fonctionne bien, la "
          "synchronisation se fait au retour au cabinet."),
      (0, "Vega fonctionne aussi hors ligne avec l'application mobile. Le support est réactif. "
          "Fais les essais gratuits des deux avant de choisir.")]),
    ("logiciels", 10, "Lecteur de carte Vitale qui se déconnecte",
     "Depuis la mise à jour, mon lecteur se déconnecte toutes les 10 minutes. Quelqu'un a eu "
     "le problème avec Ozzen ?",
     ["sesam-vitale"],
     [(7, "Oui, il fallait mettre à jour le pilote du lecteur, pas seulement le logiciel. "
          "Le support l'a fait à distance en 15 minutes.")]),
    ("protocoles-de-soins", 2, "Pansement d'escarre talonnière stade 3 : vos protocoles ?",
     "Pour une escarre talonnière stade 3 chez un patient diabétique, vous partez sur quel type "
     "de pansement ? Hydrocolloïde, alginate ? Et à quelle fréquence de réfection ?",
     ["escarre", "pansement"],
     [(6, "Ça dépend de l'exsudat : alginate si ça coule, hydrocellulaire sinon. Décharge du "
          "talon indispensable. Les recommandations de la HAS sont claires là-dessus."),
      (3, "Pense aussi à tracer l'évolution avec des mesures et, si le patient l'accepte, des "
          "photos stockées dans le dossier de soins, jamais sur ton téléphone perso.")]),
    ("protocoles-de-soins", 9, "Surveillance d'une PCA de morphine à domicile",
     "Première PCA en HAD pour moi en tant que remplaçante. Quelles surveillances faites-vous "
     "à chaque passage ?",
     ["palliatif", "HAD"],
     [(11, "Douleur (EVA/EN), fréquence respiratoire, vigilance (score de sédation), nombre de "
           "bolus demandés et obtenus, état du site. Le protocole de l'HAD fait foi."),
      (0, "Et note bien les coordonnées de l'astreinte HAD dans ta tournée.")]),
    ("entraide", 3, "Première déclaration URSSAF en collaboration",
     "Je passe collaboratrice en janvier. Dans quel délai déclarer l'activité, et la CARPIMKO "
     "c'est automatique ?",
     ["urssaf", "carpimko"],
     [(10, "Déclaration sur le guichet unique dès le début d'activité, l'URSSAF transmet. "
           "L'affiliation CARPIMKO suit, mais vérifie au bout d'un mois."),
      (7, "Prévois une trésorerie pour la régularisation de la deuxième année.")]),
    ("entraide", 11, "Comment gérez-vous la fatigue des tournées de 6 h ?",
     "Quinze ans de libéral, et cet hiver je sens la fatigue. Vous organisez comment vos "
     "coupures dans la journée ?",
     ["organisation"],
     [(5, "Sieste de 20 minutes après la tournée du matin, non négociable !"),
      (8, "On a réorganisé le cabinet pour que chacun ait un week-end sur trois au lieu d'un "
          "sur deux. Ça change tout.")]),
    ("actualites", 4, "Avenant à la convention : où en sont les négociations ?",
     "Quelqu'un a des nouvelles fiables des négociations en cours ? Merci de citer vos sources "
     "(syndicats, Ameli) plutôt que les rumeurs.",
     ["convention"],
     [(6, "Le plus fiable reste les communiqués des syndicats représentatifs et le site "
          "d'Ameli. Rien n'est signé tant que ce n'est pas publié au Journal officiel.")]),
    ("actualites", 8, "Recommandations de l'Ordre sur les réseaux sociaux",
     "L'ONI a publié des recommandations sur l'usage des réseaux sociaux. Le rappel principal : "
     "aucune information permettant de reconnaître un patient, même sans son nom.",
     ["ordre", "secret"],
     [(2, "C'est exactement pour ça que ce forum retient les messages qui contiennent des "
          "détails identifiants. Mieux vaut reformuler que regretter.")]),
]


@dataclass
class SeedResult:
    members: int
    topics: int
    posts: int


def _email(first: str, last: str) -> str:
    import unicodedata

    raw = f"{first}.{last}".lower().replace(" ", "-")
    ascii_only = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode()
    return f"{ascii_only}@demo.entre-idel.fr"


def _rpps(n: int) -> str:
    return f"{10_000_000_000 + 7_331 * (n + 1):011d}"


def seed(only_if_empty: bool = False) -> SeedResult | None:
    """Create the demo members and discussions; skip when members exist and asked to."""
    from forum.board import services as board

    if only_if_empty and db.session.scalar(select(func.count(User.id))):
        return None
    ensure_categories()
    now = utcnow()
    members = []
    for i, (first, last, commune, dept, status, software, interests) in enumerate(MEMBERS):
        user = User(first_name=first, last_name=last, email=_email(first, last), rpps=_rpps(i),
                    commune=commune, departement=dept, status=status, software=software,
                    interests_declaration=interests, charter_accepted_at=now,
                    email_verified_at=now, rpps_verified_at=None if first == "Fatou" else now,
                    created_at=now - timedelta(days=200 - i * 10))
        user.set_password(DEMO_PASSWORD)
        members.append(user)
    first, last, email = MODERATOR
    moderator = User(first_name=first, last_name=last, email=email, rpps=_rpps(99),
                     role=Role.moderator, charter_accepted_at=now, email_verified_at=now,
                     rpps_verified_at=now, commune="Rennes", departement="35",
                     status=MemberStatus.titulaire)
    moderator.set_password(DEMO_PASSWORD)
    db.session.add_all([*members, moderator])
    db.session.commit()

    categories = {c.slug: c for c in db.session.scalars(select(Category))}
    topics = posts = 0
    for number, (slug, author, title, body, tags, replies) in enumerate(THREADS):
        topic = board.submit_topic(members[author], categories[slug], title, body, tags)
        thread = [topic]
        for reply_author, reply in replies:
            thread.append(board.submit_reply(members[reply_author], topic, reply))
        _spread_in_time(thread, started=now - timedelta(days=2 * (len(THREADS) - number), hours=5))
        topics += 1
        posts += len(thread)
    _seed_replacements(members)
    for category in categories.values():
        category.last_activity_at = db.session.scalar(
            select(func.max(Topic.last_activity_at)).where(Topic.category_id == category.id))
    db.session.commit()
    return SeedResult(members=len(members) + 1, topics=topics, posts=posts)


def _spread_in_time(thread: list, started) -> None:
    """Give a demo thread plausible dates: the question, then answers hours apart."""
    topic, replies = thread[0], thread[1:]
    first_post = db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.is_first))
    topic.created_at = first_post.created_at = started
    at = started
    for hours, reply in enumerate(replies, start=1):
        at = started + timedelta(hours=3 * hours, minutes=7 * hours)
        reply.created_at = at
    topic.last_activity_at = at


def _seed_replacements(members: list[User]) -> None:
    """A few offers and availabilities so the replacement board is not empty (and matches)."""
    from datetime import date

    from flask import current_app

    from forum.models.replacements import Cabinet, RoundHours, Zone
    from forum.replacements import services as replacements

    today = date.today()
    next_august = date(today.year + (today.month >= 8), 8, 1)
    # Matching sends e-mails with absolute links: they need a request context.
    with current_app.test_request_context("/"):
        replacements.submit_availability(
            members[1], ["29", "22"], start_date=next_august - timedelta(days=10),
            end_date=next_august + timedelta(days=40), commune="", radius_km=None,
            experience="Cinq ans en médecine polyvalente, deux ans de remplacements en libéral.",
            software="Albus, Vega", has_authorisation=True,
            authorisation_valid_until=today + timedelta(days=200))
        replacements.submit_availability(
            members[5], ["74", "73"], start_date=today + timedelta(days=20),
            end_date=today + timedelta(days=90), commune="", radius_km=None,
            experience="Remplaçante depuis trois ans, habituée à la montagne.",
            software="Swily", has_authorisation=True,
            authorisation_valid_until=today + timedelta(days=120))
        replacements.submit_offer(
            members[0], commune="Quimper", departement="29", zone=Zone.urbaine,
            start_date=next_august, end_date=next_august + timedelta(days=23), recurrence="",
            care_type="Soins techniques, nursing, pansements", patients_per_round="environ 25",
            round_hours=RoundHours.les_deux, vehicle_needed=True, software="Vega",
            cabinet=Cabinet.groupe, retrocession="", housing=False,
            description="Cabinet de groupe, tournée du matin et un soir sur deux.")
        replacements.submit_offer(
            members[4], commune="Aurillac", departement="15", zone=Zone.rurale,
            start_date=today + timedelta(days=35), end_date=today + timedelta(days=38),
            recurrence="Un week-end sur deux", care_type="Nursing et injections",
            patients_per_round="15", round_hours=RoundHours.matin, vehicle_needed=True,
            software="Vega", cabinet=Cabinet.seul, retrocession="Selon contrat, à discuter",
            housing=True, description="Tournée rurale, routes de campagne, logement possible.")
