"""Existing notifications get their message parameters back where the stored title and body can
be parsed against the registered message (in the language they were stored in), so they too
render in the reader's language. Rows that cannot be parsed (a code no longer registered, a
message reworded since, a truncated title with a body that does not fit) keep params = None and
show their stored text as before."""

from django.db import migrations


def params_fill(apps, schema_editor):
    # The live registry and parser: the registered messages are what is shown from now on, and
    # a row they cannot read simply stays as it is.
    from alleyhub.notifications.rendering import params_from_text

    Notification = apps.get_model("notifications", "Notification")
    batch = []
    rows = Notification.objects.filter(params__isnull=True).only("id", "code", "title", "body", "language")
    for row in rows.iterator(chunk_size=500):
        try:
            params = params_from_text(code=row.code, title=row.title, body=row.body, language=row.language)
        except Exception:  # noqa: BLE001 - one unreadable row must not stop the migration
            params = None
        if params is not None:
            row.params = params
            batch.append(row)
        if len(batch) >= 500:
            Notification.objects.bulk_update(batch, ["params"])
            batch = []
    if batch:
        Notification.objects.bulk_update(batch, ["params"])


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_notification_params"),
    ]

    operations = [
        migrations.RunPython(params_fill, migrations.RunPython.noop, elidable=True),
    ]
