"""Reading what people write.

Packs, YAML with positions, safety rules, phone numbers, templates, translations, the 52.6
notice and site lists: loaded, checked, and turned into the model.
"""
