from django.apps import AppConfig

from alleyhub.accounts.hooks import DemoPersonas, login_demo_personas


class DemoConfig(AppConfig):
    name = "alleyhub.demo"
    label = "demo"

    def ready(self) -> None:
        # Imported here, not at the top: accounts.demo imports models, which Django only allows
        # once every app is loaded.
        from alleyhub.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

        personas = DemoPersonas(
            password=DEMO_PASSWORD,
            labels={spec.username: spec.label for spec in DEMO_ACCOUNTS},
            descriptions={spec.username: spec.description for spec in DEMO_ACCOUNTS if spec.description},
        )
        login_demo_personas.register(lambda: personas, key="demo")
