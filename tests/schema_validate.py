#!/usr/bin/env python3
"""Validates every shipped YAML file against the JSON Schema its first line names.

Usage: tests/schema_validate.py ROOT

1. Every shipped file (rules/*.yaml, catalogue/sources.yaml,
   catalogue/stretches/*.yaml, tests/cases/*.yaml) starts with
   `# yaml-language-server: $schema=PATH`, and PATH (relative to the file,
   as editors resolve it) is the committed schema of the file's kind.
2. Each schema is a valid draft 2020-12 schema, and every document of every
   file validates against it (with python3-jsonschema, YAML read by
   python3-yaml as YAML 1.2 reads booleans: only true/false, as editors do).
3. The schemas reject what limber rejects: the files of tests/mistakes/ and
   a few broken copies of shipped files must fail validation.

Exit 0 all good, 1 a problem (each one printed), 77 python3-jsonschema or
python3-yaml is missing.
"""
import copy
import glob
import os
import re
import sys

try:
    import jsonschema
    import yaml
except ImportError as e:
    # The Debian packages live in the system interpreter; try it before skipping.
    system = "/usr/bin/python3"
    if os.path.exists(system) and os.path.realpath(sys.executable) != os.path.realpath(system) \
            and not os.environ.get("LIMBER_SCHEMA_REEXEC"):
        os.environ["LIMBER_SCHEMA_REEXEC"] = "1"
        os.execv(system, [system] + sys.argv)
    print(f"SKIP: {e} (install python3-jsonschema and python3-yaml)")
    sys.exit(77)

HEADER = re.compile(r"^# yaml-language-server: \$schema=(\S+)\s*$")


class Loader(yaml.SafeLoader):
    """YAML with the booleans of YAML 1.2 (true/false, not yes/no/on/off)."""


Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                             list("tTfF"))


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
    schema_dir = os.path.join(root, "src", "dist", "schemas")
    problems = []

    schemas = {}
    for path in sorted(glob.glob(os.path.join(schema_dir, "*.schema.json"))):
        kind = os.path.basename(path)[: -len(".schema.json")]
        with open(path, encoding="utf-8") as f:
            import json
            schema = json.load(f)
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.exceptions.SchemaError as e:
            problems.append(f"{path}: not a valid draft 2020-12 schema: {e.message}")
            continue
        if schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
            problems.append(f"{path}: $schema is not draft 2020-12")
        schemas[kind] = jsonschema.Draft202012Validator(schema)
    for kind in ("profile", "profile-schema", "rule", "stretch", "sources", "figure"):
        if kind not in schemas:
            problems.append(f"{schema_dir}: no usable {kind}.schema.json")
    if problems:
        return report(problems, 0)

    def kind_of(rel):
        if rel == "rules/profile.yaml":
            return "profile-schema"
        if rel.startswith("rules/"):
            return "rule"
        if rel == "catalogue/sources.yaml":
            return "sources"
        if rel.startswith("catalogue/stretches/"):
            return "stretch"
        if rel.startswith("catalogue/figures/"):
            return "figure"
        return "profile"

    shipped = []
    for pattern in ("rules/*.yaml", "rules/*.yml", "catalogue/*.yaml", "catalogue/stretches/*.yaml",
                    "catalogue/stretches/*.yml", "catalogue/figures/*.yaml", "tests/cases/*.yaml", "tests/cases/*.yml"):
        shipped += sorted(glob.glob(os.path.join(root, pattern)))

    checked = 0
    for path in shipped:
        rel = os.path.relpath(path, root)
        kind = kind_of(rel)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        first = text.split("\n", 1)[0]
        m = HEADER.match(first)
        if not m:
            problems.append(f"{rel}:1: the first line is not `# yaml-language-server: $schema=...`")
        else:
            target = os.path.normpath(os.path.join(os.path.dirname(path), m.group(1)))
            want = os.path.join(schema_dir, f"{kind}.schema.json")
            if target != want:
                problems.append(f"{rel}:1: $schema={m.group(1)} is {os.path.relpath(target, root)}, "
                                f"but a {kind} file needs {os.path.relpath(want, os.path.dirname(path))}")
        try:
            docs = [d for d in yaml.load_all(text, Loader=Loader)]
        except yaml.YAMLError as e:
            problems.append(f"{rel}: YAML: {e}")
            continue
        for n, doc in enumerate(docs, 1):
            for err in sorted(schemas[kind].iter_errors(doc), key=lambda e: list(e.absolute_path)):
                where = "/".join(str(p) for p in err.absolute_path) or "(top)"
                problems.append(f"{rel}: document {n}: {where}: {err.message[:300]}")
        checked += 1
    if checked < 80:
        problems.append(f"only {checked} shipped files found under {root}: wrong ROOT?")

    # The schemas must reject what limber rejects. Each entry: a file, its kind.
    must_fail = [
        ("tests/mistakes/profile/unknown-field.yaml", "profile"),
        ("tests/mistakes/profile/unknown-value.yaml", "profile"),
        ("tests/mistakes/profile/out-of-range.yaml", "profile"),
        ("tests/mistakes/profile/quoted-number.json", "profile"),
        ("tests/mistakes/profile/not-a-bool.yaml", "profile"),
        ("tests/mistakes/profile/list-for-one.yaml", "profile"),
        ("tests/mistakes/rules/stretch-id/mine.yaml", "rule"),
        ("tests/mistakes/rules/operator/mine.yaml", "rule"),
        ("tests/mistakes/rules/set-op/mine.yaml", "rule"),
        ("tests/mistakes/rules/no-because/mine.yaml", "rule"),
        ("tests/mistakes/rules/no-quote/mine.yaml", "rule"),
        ("tests/mistakes/catalogue/position/wall-angel.yaml", "stretch"),
    ]
    rejected = 0
    for rel, kind in must_fail:
        path = os.path.join(root, rel)
        if not os.path.exists(path):
            problems.append(f"{rel}: missing (a mistake the schema must reject)")
            continue
        with open(path, encoding="utf-8") as f:
            doc = yaml.load(f, Loader=Loader)
        if schemas[kind].is_valid(doc):
            problems.append(f"{rel}: limber rejects it, but the {kind} schema accepts it")
        else:
            rejected += 1

    # Broken copies of shipped files.
    def load(rel):
        with open(os.path.join(root, rel), encoding="utf-8") as f:
            return yaml.load(f, Loader=Loader)

    def broken(name, kind, doc, change):
        doc = copy.deepcopy(doc)
        change(doc)
        if schemas[kind].is_valid(doc):
            problems.append(f"the {kind} schema accepts {name}")

    stretch = load("catalogue/stretches/cat-cow.yaml")
    broken("a stretch without steps", "stretch", stretch, lambda d: d.pop("steps"))
    broken("a stretch with a misspelled key", "stretch", stretch, lambda d: d.update(stepz=d["steps"]))
    broken("a stretch with hold_seconds 0", "stretch", stretch, lambda d: d["dosage"].update(hold_seconds=0))
    broken("an equipment need that does not exist", "stretch", stretch,
           lambda d: d["equipment"].update(needs=["trampoline"]))
    rules = load("rules/desk.yaml")
    broken("a rule without an action", "rule", rules,
           lambda d: d["rules"].__setitem__(0, {k: v for k, v in d["rules"][0].items()
                                                if k in ("id", "when", "because", "sources")}))
    broken("an include weight of 101", "rule", rules, lambda d: d["rules"][0]["include"].update(weight=101))
    broken("a condition on an unknown field", "rule", rules, lambda d: d["rules"][0].update(when={"sitting": 3}))
    broken("'refer: false'", "rule", rules, lambda d: d["rules"][0].update(refer=False))
    broken("an unknown document", "rule", rules, lambda d: d["rules"][0]["sources"][0].update(doc="999"))
    broken("a profile with 25 sitting hours", "profile", {"sitting_hours": 24}, lambda d: d.update(sitting_hours=25))
    broken("a set written 'lower_back hips'", "profile", {}, lambda d: d.update(pain_areas="lower_back hips"))
    broken("an expect status that does not exist", "profile", {"expect": {"status": "ok"}},
           lambda d: d["expect"].update(status="fine"))
    broken("a field without a question", "profile-schema", load("rules/profile.yaml"),
           lambda d: d["fields"][0].pop("question"))
    broken("an integer field without max", "profile-schema", load("rules/profile.yaml"),
           lambda d: [f.pop("max") for f in d["fields"] if f["type"] == "integer"][:1])
    broken("a source without a title", "sources", load("catalogue/sources.yaml"),
           lambda d: d["sources"][0].pop("title"))
    # And accepts the forms limber accepts beyond the shipped files.
    for doc in ({"pain_areas": "lower_back;hips"}, {"pain_areas": "none"}, {"equipment": []},
                {"pain_areas": "neck, shoulders"}):
        if not schemas["profile"].is_valid(doc):
            problems.append(f"the profile schema rejects {doc}, which limber accepts")

    return report(problems, checked, rejected)


def report(problems, checked, rejected=0):
    for p in problems:
        print(p)
    if problems:
        print(f"schema validation: {len(problems)} problem(s)")
        return 1
    print(f"schema validation: {checked} shipped files valid; {rejected} known mistakes rejected; "
          f"jsonschema {jsonschema_version()}")
    return 0


def jsonschema_version():
    try:
        from importlib.metadata import version
        return version("jsonschema")
    except Exception:  # noqa: BLE001
        return "?"


if __name__ == "__main__":
    sys.exit(main())
