"""Load the call scripts (one YAML file per product) from call_scripts/ or a bank's own folder."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from call_scripts.schema import PRODUCTS, Script, ScriptError, parse_script
from call_scripts.yamlnodes import read_yaml

SCRIPTS_DIR = Path(__file__).resolve().parent


def load_scripts(dir: Path | str | None = None) -> dict[str, Script]:
    """Read every *.yaml in `dir` (default: the bundled scripts) keyed by product.

    The bundled folder must hold a script for each of PRODUCTS; a bank's own folder may hold fewer
    (calls of a product without a script get no compliance check).
    """
    folder = Path(dir) if dir is not None else SCRIPTS_DIR
    if not folder.is_dir():
        raise ScriptError(f"{folder}: not a folder of call scripts")
    scripts: dict[str, Script] = {}
    for path in sorted(folder.glob("*.yaml")):
        doc = read_yaml(path, ScriptError)
        script = parse_script(doc)
        if script.product != path.stem:
            raise doc.error(
                ("product",),
                f"product '{script.product}' does not match the file name '{path.stem}.yaml'",
                ScriptError,
            )
        scripts[script.product] = script
    if dir is None:
        missing = [product for product in PRODUCTS if product not in scripts]
        if missing:
            raise ScriptError(f"{folder}: no call script for {', '.join(missing)}")
    return scripts


@cache
def default_scripts() -> dict[str, Script]:
    return load_scripts()
