"""Refresh tokens are no longer stored: sessions keep the SHA-256 of the newest token's id
(and of the one it replaced), and the tables of simplejwt's blacklist app, which held every
refresh token in plain text, are dropped."""

import hashlib

from django.db import migrations, models


def hash_ids(apps, schema_editor):
    AuthSession = apps.get_model("accounts", "AuthSession")
    for session in AuthSession.objects.all().only("id", "refresh_hash", "previous_refresh_hash"):
        session.refresh_hash = hashlib.sha256(session.refresh_hash.encode()).hexdigest()
        if session.previous_refresh_hash:
            previous = session.previous_refresh_hash.encode()
            session.previous_refresh_hash = hashlib.sha256(previous).hexdigest()
        session.save(update_fields=["refresh_hash", "previous_refresh_hash"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_refresh_reuse_grace")]

    operations = [
        migrations.RenameField("authsession", "refresh_jti", "refresh_hash"),
        migrations.RenameField("authsession", "previous_refresh_jti", "previous_refresh_hash"),
        migrations.AlterField(
            model_name="authsession",
            name="refresh_hash",
            field=models.CharField(
                help_text="SHA-256 of the newest refresh token's id (never the token).",
                max_length=64,
            ),
        ),
        migrations.AlterField(
            model_name="authsession",
            name="previous_refresh_hash",
            field=models.CharField(
                blank=True, help_text="SHA-256 of the id of the token it replaced.", max_length=64
            ),
        ),
        migrations.RunPython(hash_ids, migrations.RunPython.noop),
        migrations.RunSQL(
            [
                "DROP TABLE IF EXISTS token_blacklist_blacklistedtoken",
                "DROP TABLE IF EXISTS token_blacklist_outstandingtoken",
            ],
            migrations.RunSQL.noop,
        ),
    ]
