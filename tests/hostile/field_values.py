"""What a hostile client may put in any form field, for the property tests of the readers'
forms: any text, any UTF-8, latin-1 decoded bytes, and `edge_cases` (values each form has
reason to fear, besides the ones every form does)."""

from hypothesis import strategies as st

EVERY_FORM = ["", " ", "\x00", "0", "-1", "99999999999999999999", "\u202e", "😀" * 40, "<script>", "%00"]


def any_field_value(*edge_cases):
    return st.one_of(
        st.text(max_size=300),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
        st.sampled_from([*EVERY_FORM, *edge_cases]),
        st.binary(max_size=40).map(lambda b: b.decode("latin-1")),
    )
