//! The pack as templates read it (`pack.meta`, `pack.raci`): each part of the views is
//! converted to a template value when a page first reads it, and dropped with the page.
//! Converting the whole pack once for every page to share held a second copy of it for
//! the whole build (750 MB for a company's 2,000 processes), when most pages read only
//! `pack.meta`.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr};
use serde::Serialize;

use crate::render::memo::{Read, Reads};
use crate::views::Pack;

/// The pack of one page's rendering.
#[derive(Debug)]
pub struct PackValue {
    pack: Arc<Pack>,
    /// The parts the page has read, converted.
    read: Mutex<BTreeMap<String, Value>>,
    /// Where what the page reads is noted, when the build keeps pages for the next one
    /// ([`crate::render::memo`]).
    reads: Option<Reads>,
}

impl PackValue {
    /// `pack` for one page: a fresh value, so that what it converts is dropped with it;
    /// what the page reads of it is noted in `reads`, when given.
    pub fn of(pack: &Arc<Pack>, reads: Option<Reads>) -> Value {
        Value::from_object(PackValue {
            pack: Arc::clone(pack),
            read: Mutex::default(),
            reads,
        })
    }
}

/// Notes `read` in `reads`, when given.
fn note(reads: Option<&Reads>, read: Read) {
    if let Some(reads) = reads {
        reads
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(read);
    }
}

/// The parts of the pack, named as `build --dump-context` names them.
const PARTS: [&str; 14] = [
    "meta",
    "processes",
    "roles",
    "external_roles",
    "checklists",
    "documents",
    "plan_facts",
    "motivation",
    "raci",
    "workload",
    "register",
    "handbook",
    "pages",
    "org_chart",
];

/// Item `index` of one of the pack's lists, converted alone.
pub type Item = fn(&Pack, usize) -> Value;

/// Item `index` of `list`, converted alone (undefined when there is none).
fn item<T: Serialize>(list: &[T], index: usize) -> Value {
    list.get(index)
        .map_or(Value::UNDEFINED, Value::from_serialize)
}

/// The pack's list `name` (`processes`): how long it is, and its items. The one table of
/// the lists, for the templates' `pack.processes` and for the view of a page.
pub fn list(pack: &Pack, name: &str) -> Option<(usize, Item)> {
    let (len, item): (usize, Item) = match name {
        "processes" => (pack.processes.len(), |p, i| item(&p.processes, i)),
        "roles" => (pack.roles.len(), |p, i| item(&p.roles, i)),
        "external_roles" => (pack.external_roles.len(), |p, i| item(&p.external_roles, i)),
        "checklists" => (pack.checklists.len(), |p, i| item(&p.checklists, i)),
        "documents" => (pack.documents.len(), |p, i| item(&p.documents, i)),
        "plan_facts" => (pack.plan_facts.len(), |p, i| item(&p.plan_facts, i)),
        "register" => (pack.register.len(), |p, i| item(&p.register, i)),
        "pages" => (pack.pages.len(), |p, i| item(&p.pages, i)),
        _ => return None,
    };
    Some((len, item))
}

/// Part `name` of `pack` as a template value: a list as [`Items`], which notes the items
/// a page reads in `reads`.
fn part_read(pack: &Arc<Pack>, name: &'static str, reads: Option<&Reads>) -> Option<Value> {
    match list(pack, name) {
        Some((len, item)) => {
            note(reads, Read::Len(name));
            Some(Value::from_object(Items {
                pack: Arc::clone(pack),
                name,
                len,
                item,
                reads: reads.cloned(),
            }))
        }
        None => {
            note(reads, Read::Part(name));
            part(pack, name)
        }
    }
}

/// Part `name` of `pack` that is not a list, as a template value.
pub fn part(pack: &Pack, name: &str) -> Option<Value> {
    Some(match name {
        "meta" => Value::from_serialize(&pack.meta),
        "motivation" => Value::from_serialize(&pack.motivation),
        "raci" => Value::from_serialize(&pack.raci),
        "workload" => Value::from_serialize(&pack.workload),
        "handbook" => Value::from(pack.handbook),
        "org_chart" => Value::from_serialize(&pack.org_chart),
        _ => return None,
    })
}

/// One of the pack's lists of views: each item converted as a template reads it, and not
/// kept, so that the index's loop over 2,000 regulations holds one at a time.
#[derive(Debug)]
struct Items {
    pack: Arc<Pack>,
    name: &'static str,
    len: usize,
    item: Item,
    reads: Option<Reads>,
}

impl Object for Items {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let index = key.as_usize().filter(|&i| i < self.len)?;
        note(self.reads.as_ref(), Read::Item(self.name, index));
        Some((self.item)(&self.pack, index))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.len)
    }
}

impl Object for PackValue {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let name = PARTS.into_iter().find(|&part| Some(part) == key.as_str())?;
        // A page renders on one thread; a poisoned lock only means a part is converted
        // again.
        let mut read = self.read.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(value) = read.get(name) {
            return Some(value.clone());
        }
        let value = part_read(&self.pack, name, self.reads.as_ref())?;
        read.insert(name.to_owned(), value.clone());
        Some(value)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(&PARTS)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::model::Language;

    /// Templates read every part of the pack as they read the pack converted whole: a part
    /// the list leaves out, or converts from the wrong field, fails here.
    #[test]
    fn every_part_reads_as_the_whole_pack_converted() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("processes/sales-department");
        let checked = crate::check_model(&root).unwrap();
        let pack = Arc::new(Pack::of(&checked.model, &checked.graphs, Language::Ru));
        let whole = serde_json::to_value(&*pack).unwrap();
        let lazy = PackValue::of(&pack, None);
        let whole = whole.as_object().unwrap();
        assert_eq!(whole.len(), PARTS.len());
        for (name, expected) in whole {
            let read = lazy.get_attr(name).unwrap();
            assert_eq!(&serde_json::to_value(&read).unwrap(), expected, "{name}");
        }
    }
}
