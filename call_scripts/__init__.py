"""Call scripts per loan product: required agent items, prohibited language, follow-up cadence."""

from call_scripts.loader import default_scripts, load_scripts
from call_scripts.schema import PRODUCTS, Cadence, Script, ScriptError, ScriptItem

__all__ = [
    "PRODUCTS",
    "Cadence",
    "Script",
    "ScriptError",
    "ScriptItem",
    "default_scripts",
    "load_scripts",
]
