"""The role groups (Editors, Contributors, Moderators) with their permissions.

Permissions are normally created after all migrations (post_migrate), so on a fresh
database they are created here first. The groups are kept exact afterwards by the same
function, run after every `migrate` and by `manage.py sync_roles`.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    from newsroom.roles import sync_roles

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("articles", "0003_story_created_by"),
        ("comments", "0003_moderation_queue_and_records"),
    ]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop, elidable=False)]
