"""The number an account last proved with a code: its phone counts as verified only while it
is that number (an edited phone is not verified until it is proved)."""

from django.db import migrations, models
from django.db.models import Exists, OuterRef


def from_sign_ins(apps, schema_editor):
    """A phone that signed in with a code is proved."""
    User = apps.get_model("accounts", "User")
    OtpRequest = apps.get_model("accounts", "OtpRequest")
    proved = OtpRequest.objects.filter(phone=OuterRef("phone"), status="verified")
    for user in User.objects.filter(Exists(proved)).only("pk", "phone"):
        User.objects.filter(pk=user.pk).update(verified_phone=user.phone)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_session_token_hashes")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="verified_phone",
            field=models.CharField(
                blank=True,
                help_text="The number last proved with a code: the phone counts as verified "
                "only while it is this one.",
                max_length=16,
            ),
        ),
        migrations.RunPython(from_sign_ins, migrations.RunPython.noop),
    ]
