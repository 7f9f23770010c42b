from django.db import migrations

ROLES = ["desk_officer", "analyst", "legal_officer", "supervisor", "node_admin"]


def create_roles(apps, schema_editor):
    Role = apps.get_model("agencies", "Role")
    for code in ROLES:
        Role.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0001_initial")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
