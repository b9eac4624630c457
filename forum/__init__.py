"""Entre IDEL: a private, moderated forum for French liberal nurses.

`create_app` imports Flask and the web layer lazily so that `forum.privacy` can be used
(and tested) as a pure-Python package without them.
"""


def create_app(config=None):
    from forum.app import build_app

    return build_app(config)
