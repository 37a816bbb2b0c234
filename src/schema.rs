//! The JSON Schema of a model file, for editors (yaml-language-server) and validators.

use schemars::generate::SchemaSettings;

use crate::check::registry;
use crate::model::ModelFile;

/// The JSON Schema (draft 2020-12) of a pack's `model.json`, from the types it is written
/// from: what `raciflow schema --pack` prints.
pub fn pack_schema() -> serde_json::Value {
    // The contract of what is written: a letter no role holds is left out, not required.
    let generator = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    generator
        .into_root_schema_for::<crate::views::export::Export>()
        .to_value()
}

/// The JSON Schema (draft 2020-12) of one model file, generated from the loader's own types.
/// Rule names are listed, so an editor completes them in `rules:`.
pub fn model_schema() -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<ModelFile>().to_value();
    let names: Vec<&str> = registry::rules().map(|rule| rule.name).collect();
    if let Some(rules) = schema.pointer_mut("/$defs/RulesConfig") {
        rules["propertyNames"] = serde_json::json!({ "enum": names });
    }
    schema
}
