import django.utils.timezone
from django.db import migrations, models

# The audit log is append-only below the application: the database refuses UPDATE and
# DELETE on it, whatever the code (ORM or raw SQL) tries. PostgreSQL checks every
# statement; SQLite every row. TRUNCATE stays possible for a database administrator
# (and for the test runner's flush); in production, revoke it from the application's
# role (see docs/PRIVACY.md). A later migration that rebuilds this table on SQLite, or
# that must UPDATE it on PostgreSQL, has to drop and re-create these triggers itself.

POSTGRESQL_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION privacy_auditentry_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'privacy_auditentry is append-only: % is not allowed', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER privacy_auditentry_append_only
    BEFORE UPDATE OR DELETE ON privacy_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION privacy_auditentry_append_only()
    """,
]
POSTGRESQL_BACKWARD = [
    "DROP TRIGGER IF EXISTS privacy_auditentry_append_only ON privacy_auditentry",
    "DROP FUNCTION IF EXISTS privacy_auditentry_append_only()",
]
# SQLite has no TRUNCATE and no roles, and Django's test runner empties tables with
# DELETE. The delete trigger therefore consults a one-row guard table that is not a
# Django model (so nothing in the application reads or writes it): 0 -- refuse, the
# value every database is created with -- or 1, which only the test suite sets so that
# it can empty the database between transactional tests (tests/conftest.py).
SQLITE_FORWARD = [
    "CREATE TABLE privacy_audit_guard (flush_allowed INTEGER NOT NULL)",
    "INSERT INTO privacy_audit_guard (flush_allowed) VALUES (0)",
    """
    CREATE TRIGGER privacy_auditentry_no_update BEFORE UPDATE ON privacy_auditentry
    BEGIN SELECT RAISE(ABORT, 'privacy_auditentry is append-only: UPDATE is not allowed'); END
    """,
    """
    CREATE TRIGGER privacy_auditentry_no_delete BEFORE DELETE ON privacy_auditentry
    WHEN (SELECT flush_allowed FROM privacy_audit_guard) IS NOT 1
    BEGIN SELECT RAISE(ABORT, 'privacy_auditentry is append-only: DELETE is not allowed'); END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS privacy_auditentry_no_update",
    "DROP TRIGGER IF EXISTS privacy_auditentry_no_delete",
    "DROP TABLE IF EXISTS privacy_audit_guard",
]
SQL = {
    "postgresql": (POSTGRESQL_FORWARD, POSTGRESQL_BACKWARD),
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
}


def _run(schema_editor, forward):
    vendor = schema_editor.connection.vendor
    if vendor not in SQL:
        raise RuntimeError(f"No append-only trigger for the {vendor} database: add one before using it.")
    for statement in SQL[vendor][0 if forward else 1]:
        schema_editor.execute(statement, params=None)


def install_triggers(apps, schema_editor):
    _run(schema_editor, forward=True)


def remove_triggers(apps, schema_editor):
    _run(schema_editor, forward=False)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='AuditEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='when')),
                ('organisation_id', models.BigIntegerField(blank=True, null=True, verbose_name='organisation')),
                ('actor_user_id', models.BigIntegerField(blank=True, null=True, verbose_name='user')),
                ('actor_membership_id', models.BigIntegerField(blank=True, null=True, verbose_name='member')),
                ('action', models.CharField(choices=[('read', 'Read'), ('access_denied', 'Access refused'), ('role_change', 'Roles changed'), ('member_deactivate', 'Member deactivated'), ('member_reactivate', 'Member reactivated'), ('settings_change', 'Settings changed'), ('consent_grant', 'Shared with the manager'), ('consent_revoke', 'Sharing stopped'), ('export', 'Personal data exported'), ('erasure', 'Personal data erased')], max_length=32, verbose_name='action')),
                ('object_type', models.CharField(max_length=64, verbose_name='object type')),
                ('object_id', models.CharField(blank=True, default='', max_length=100, verbose_name='object id')),
                ('subject_membership_id', models.BigIntegerField(blank=True, null=True, verbose_name='about member')),
                ('outcome', models.CharField(choices=[('allowed', 'Allowed'), ('denied', 'Refused')], default='allowed', max_length=8, verbose_name='outcome')),
                ('detail', models.CharField(blank=True, default='', max_length=200, verbose_name='detail')),
            ],
            options={
                'verbose_name': 'audit entry',
                'verbose_name_plural': 'audit entries',
                'ordering': ['-at', '-id'],
                'indexes': [models.Index(fields=['organisation_id', 'at'], name='audit_org_at'), models.Index(fields=['subject_membership_id', 'at'], name='audit_subject_at')],
            },
        ),
        migrations.RunPython(install_triggers, remove_triggers, elidable=False),
    ]
