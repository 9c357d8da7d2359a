from alleyhub.matching.engine.text import stem_en


def test_acronyms_ending_in_s_are_not_taken_for_plurals():
    assert stem_en("mems") == "mems"
    assert stem_en("sensors") == "sensor"
