"""Property tests: any strings and numbers survive the TOML file and the journal unchanged."""
from __future__ import annotations

import json
import tomllib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hedui.core.session.entry import Entry, entry_from_dict, entry_to_dict
from hedui.core.model import BOUNDS, CATEGORIES, Fields
from hedui.core.session.file_format import toml_str, toml_value
from hedui.core.session.store import SessionStore

texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
numbers = st.one_of(st.integers(-(2**63) + 1, 2**63 - 1),
                    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300))
fields = st.builds(Fields, value=numbers, value_max=st.none() | numbers, unit=texts,
                   bound=st.sampled_from(BOUNDS), category=st.sampled_from(CATEGORIES), label=texts, period=texts)


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_toml_strings_round_trip(s):
    assert tomllib.loads(f"k = {toml_str(s)}")["k"] == s


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(fields, st.none() | fields, texts, st.sampled_from(["pending", "accepted", "corrected", "rejected"]))
def test_entries_round_trip_through_toml(f, sugg, note, status):
    text = "x" * 5
    e = Entry(id="f0001", start=3, end=8, text=text, status=status, fields=f,
              suggestion=sugg if sugg is not None or status != "pending" else f,
              rule="r", note=note, decided_by="李", decided_at="2026-01-01T00:00:00Z",
              context=("前文", "后文"))
    doc = tomllib.loads("e = " + toml_value(entry_to_dict(e)))
    assert entry_from_dict(doc["e"]) == e
    assert entry_from_dict(json.loads(SessionStore._encode(entry_to_dict(e)))) == e  # the journal's form
