from django.db import migrations


def seed(apps, schema_editor):
    from alleyhub.brokerage.transitions import DEFAULT_STAGE_RULES, DEFAULT_TRANSITIONS

    StageTransition = apps.get_model("brokerage", "StageTransition")
    StageRule = apps.get_model("brokerage", "StageRule")
    for source, targets in DEFAULT_TRANSITIONS.items():
        for target in targets:
            StageTransition.objects.get_or_create(from_stage=str(source), to_stage=str(target))
    for stage, (remind, escalate) in DEFAULT_STAGE_RULES.items():
        StageRule.objects.get_or_create(
            stage=str(stage), defaults={"remind_after_days": remind, "escalate_after_days": escalate}
        )


class Migration(migrations.Migration):
    dependencies = [("brokerage", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
