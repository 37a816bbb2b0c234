//! The elements of a model as written, merged from its files and keyed by id: what
//! [`diff`](super) compares.

use serde::Serialize;
use serde_json::Value;

use crate::diff::{Change, What};
use crate::model::ModelFile;

/// A kind of element.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The manifest and rule settings (model.yaml).
    Model,
    /// A process (its fields; its steps and hand-offs are elements of their own).
    Process,
    /// A step of a process.
    Step,
    /// A document or piece of information passed into or out of a process.
    HandOff,
    /// A position or an external party.
    Role,
    /// A document or information object (`artifacts:`).
    Document,
    /// An indicator (`kpis:`).
    Indicator,
}

impl Kind {
    /// Every kind, in the order a diff lists them; processes before steps, so that a
    /// process's rename is known when its steps are compared.
    pub const ALL: [Kind; 7] = [
        Kind::Model,
        Kind::Role,
        Kind::Document,
        Kind::Indicator,
        Kind::Process,
        Kind::Step,
        Kind::HandOff,
    ];

    /// The kind's name in a sentence, singular and plural.
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            Kind::Model => ("model setting", "model settings"),
            Kind::Process => ("process", "processes"),
            Kind::Step => ("step", "steps"),
            Kind::HandOff => ("hand-off", "hand-offs"),
            Kind::Role => ("role", "roles"),
            Kind::Document => ("document", "documents"),
            Kind::Indicator => ("indicator", "indicators"),
        }
    }
}

/// One element: its kind, id, name and content (everything written but its id).
#[derive(Debug)]
pub(super) struct Element {
    pub kind: Kind,
    /// A step's is `process/step`.
    pub id: String,
    pub name: String,
    /// For a step, its process's id.
    pub parent: Option<String>,
    pub content: Value,
}

impl Element {
    fn new(kind: Kind, id: &str, name: &str, content: impl Serialize) -> Element {
        let mut content = serde_json::to_value(content).unwrap_or(Value::Null);
        if let Value::Object(map) = &mut content {
            map.remove("id");
        }
        Element {
            kind,
            id: id.to_owned(),
            name: name.to_owned(),
            parent: None,
            content,
        }
    }

    pub fn change(&self, what: What) -> Change {
        Change {
            kind: self.kind,
            id: self.id.clone(),
            name: self.name.clone(),
            what,
        }
    }
}

/// The hand-off whose content is `{artifact, from, to}` (`outside` for a party outside
/// the model's processes): its id says all three, as the content is compared by id.
pub(super) fn hand_off(content: Value) -> Element {
    let part = |key: &str| content.get(key).and_then(Value::as_str).unwrap_or_default();
    let key = format!("{}: {} → {}", part("artifact"), part("from"), part("to"));
    Element {
        kind: Kind::HandOff,
        id: key.clone(),
        name: key,
        parent: None,
        content,
    }
}

/// The elements of a model's files, in the order written.
pub(super) fn of(files: &[ModelFile]) -> Vec<Element> {
    let mut elements = Vec::new();
    for file in files {
        if file.model.is_some() || file.rules.is_some() {
            let content = serde_json::json!({ "model": file.model, "rules": file.rules });
            elements.push(Element::new(
                Kind::Model,
                "model.yaml",
                "model.yaml",
                content,
            ));
        }
        for role in &file.roles {
            elements.push(Element::new(Kind::Role, &role.id.value, &role.name, role));
        }
        for artifact in &file.artifacts {
            let name = &artifact.name;
            elements.push(Element::new(
                Kind::Document,
                &artifact.id.value,
                name,
                artifact,
            ));
        }
        for kpi in &file.kpis {
            elements.push(Element::new(Kind::Indicator, &kpi.id.value, &kpi.name, kpi));
        }
        for process in &file.processes {
            let id = &process.id.value;
            let mut element = Element::new(Kind::Process, id, &process.name, process);
            if let Value::Object(map) = &mut element.content {
                for part in ["steps", "inputs", "outputs"] {
                    map.remove(part);
                }
            }
            elements.push(element);
            for step in &process.steps {
                let step_id = format!("{id}/{}", step.id.value);
                let mut element = Element::new(Kind::Step, &step_id, &step.name, step);
                element.parent = Some(id.clone());
                elements.push(element);
            }
            let mut hand = |artifact: &str, from: &str, to: &str| {
                let content = serde_json::json!({ "artifact": artifact, "from": from, "to": to });
                elements.push(hand_off(content));
            };
            for input in &process.inputs {
                let artifact = &input.artifact.value;
                match &input.from {
                    Some(from) if from.iter().next().is_some() => {
                        for from in from.iter() {
                            hand(artifact, &from.value, id);
                        }
                    }
                    _ => hand(artifact, "outside", id),
                }
            }
            for output in &process.outputs {
                let artifact = &output.artifact.value;
                if output.to.iter().next().is_none() {
                    hand(artifact, id, "outside");
                }
                for to in output.to.iter() {
                    hand(artifact, id, &to.value);
                }
            }
        }
    }
    // A hand-off both processes declare is one hand-off.
    let mut seen = std::collections::BTreeSet::new();
    elements.retain(|e| e.kind != Kind::HandOff || seen.insert(e.id.clone()));
    elements
}
