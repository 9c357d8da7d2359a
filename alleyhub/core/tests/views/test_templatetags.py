from django.template import Context, Template


def test_optional_url_links_existing_names_and_yields_nothing_for_missing_ones():
    html = Template(
        "{% load alleyhub %}{% optional_url 'directory:detail' 'simit' as a %}"
        "{% optional_url 'nowhere:missing' 1 as b %}[{{ a }}][{{ b }}]"
    ).render(Context())
    assert html == "[/directory/simit/][]"
