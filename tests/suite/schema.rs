//! `raciflow schema`: the JSON Schema editors and validators use, checked with an
//! independent validator against every example file.

use serde_json::Value;

use crate::harness::{repo_path, run_raciflow};

fn schema() -> jsonschema::Validator {
    let outcome = run_raciflow(&["schema".into()], &repo_path(""));
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let schema: Value = serde_json::from_str(&outcome.stdout).expect("schema is JSON");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

/// A YAML file as the JSON a validator sees.
fn yaml_as_json(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).expect("read");
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn yaml_files(dir: &std::path::Path, into: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            into.push(path);
        }
    }
}

#[test]
fn every_example_file_is_valid_against_the_schema() {
    let validator = schema();
    let mut files = Vec::new();
    yaml_files(&repo_path("processes"), &mut files);
    assert!(files.len() >= 15);
    for file in files {
        let instance = yaml_as_json(&file);
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
    }
}

#[test]
fn a_misspelt_field_or_a_wrong_value_fails_the_schema() {
    let validator = schema();
    for bad in [
        "roles:\n  - id: clerk\n    nmae: Clerk\n",
        "roles:\n  - id: clerk\n",
        "artifacts:\n  - id: a\n    name: A\n    kind: pdf\n",
        "processes:\n  - id: p\n    name: P\n    owner: o\n    steps:\n      - id: s\n        name: S\n        effort: 5 minutes\n",
        "rules:\n  no-such-rule: off\n",
        "colour: blue\n",
    ] {
        let instance: Value = serde_saphyr::from_str(bad).expect("YAML");
        assert!(!validator.is_valid(&instance), "accepted:\n{bad}");
    }
}

#[test]
fn every_field_of_the_schema_is_described() {
    let text = run_raciflow(&["schema".into()], &repo_path("")).stdout;
    let schema: Value = serde_json::from_str(&text).expect("JSON");
    let mut undocumented = Vec::new();
    for (name, definition) in schema["$defs"].as_object().expect("$defs") {
        for (field, property) in definition["properties"].as_object().into_iter().flatten() {
            if property.get("description").is_none() {
                undocumented.push(format!("{name}.{field}"));
            }
        }
    }
    for (field, property) in schema["properties"].as_object().expect("properties") {
        if property.get("description").is_none() {
            undocumented.push(field.clone());
        }
    }
    assert!(undocumented.is_empty(), "{undocumented:?}");
}

/// `model.json` of both examples, in both languages, is what `schema --pack` says: every
/// entity once, on one line, in format 1; a reader can rely on the shape.
#[test]
fn model_json_is_valid_against_the_pack_schema_and_states_each_entity_once() {
    let outcome = run_raciflow(&["schema".into(), "--pack".into()], &repo_path(""));
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let schema: Value = serde_json::from_str(&outcome.stdout).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let mut last = Value::Null;
    for (example, lang) in [
        ("processes/sales-department", "ru"),
        ("processes/sales-department", "en"),
        ("processes/quickstart", "en"),
    ] {
        let out = tempfile::TempDir::new().unwrap();
        let built = crate::build::build(
            &repo_path(example),
            out.path(),
            &["--format", "json", "--lang", lang],
        );
        assert_eq!(built.code, 0, "{}", built.stderr);
        let text = std::fs::read_to_string(out.path().join("model.json")).unwrap();
        assert_eq!(text.lines().count(), 1, "not one line");
        let json: Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{example} {lang}: {errors:#?}");
        assert_eq!(json["format"], 1);
        // A position is named once, where it is described; steps name it by id.
        let name = json["roles"][0]["name"].as_str().unwrap();
        assert_eq!(text.matches(&format!("\"{name}\"")).count(), 1, "{name}");
        let steps = &json["processes"][0]["steps"];
        let performer = steps[0]["raci"]["R"][0].as_str().unwrap();
        assert!(
            json["roles"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["id"] == performer),
            "{performer}"
        );
        last = json;
    }
    // The flow is the model's: a decision the regulation asks as a condition of the step
    // before it is a step of its own here, unnumbered, and both steps that lead to it say so.
    let out = tempfile::TempDir::new().unwrap();
    let built = crate::build::build(
        &repo_path("processes/sales-department"),
        out.path(),
        &["--format", "json"],
    );
    assert_eq!(built.code, 0, "{}", built.stderr);
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("model.json")).unwrap())
            .unwrap();
    let calling = json["processes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "cold-calling")
        .unwrap();
    let step = |id: &str| {
        calling["steps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap_or_else(|| panic!("no step {id}"))
            .clone()
    };
    let decision = step("day-over");
    assert_eq!(decision["kind"], "decision");
    assert!(decision.get("number").is_none(), "{decision}");
    assert_eq!(decision["next"][0]["step"], "call");
    assert_eq!(decision["next"][0]["when"], "Нет");
    for before in ["schedule-callback", "log-refusal"] {
        assert_eq!(
            step(before)["next"],
            serde_json::json!([{ "step": "day-over" }]),
            "{before}"
        );
    }
    // The schema is no blank cheque: a format given as text, or a step's role given as a
    // number, fails it.
    let mut wrong = last.clone();
    wrong["format"] = Value::from("1");
    assert!(!validator.is_valid(&wrong));
    let mut wrong = last;
    wrong["processes"][0]["steps"][0]["raci"]["R"][0] = Value::from(7);
    assert!(!validator.is_valid(&wrong));
}
