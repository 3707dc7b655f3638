"""``accounts_session_live(session, user)``: whether an access token's session still counts.

The rush routes (backend/inventory/rush.py) check a token's session inside the same statement
as the work it authorizes, so authentication costs no round trip of its own: the session is
not revoked and its account is active, read from the database, which is the truth.
"""

from django.db import migrations

from backend.core.migration_ops import PostgresSQL

CREATE = """
CREATE OR REPLACE FUNCTION accounts_session_live(p_session uuid, p_user bigint)
RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1 FROM accounts_authsession s JOIN accounts_user u ON u.id = s.user_id
        WHERE s.id = p_session AND s.user_id = p_user AND s.revoked_at IS NULL AND u.is_active
    )
$$;
"""
DROP = "DROP FUNCTION IF EXISTS accounts_session_live(uuid, bigint);"


class Migration(migrations.Migration):
    dependencies = [("accounts", "0008_session_method_oidc")]

    operations = [
        PostgresSQL(CREATE, DROP),
    ]
