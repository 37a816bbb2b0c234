//! Watching the model's folders: a burst of saves (an editor that writes a temporary file
//! and renames it over the old one, a `git checkout`) becomes one rebuild.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::load::PACK_MARKER;
use crate::serve::{ServeError, Site};

/// How long the folder must be quiet before a rebuild: long enough to take in a
/// rename-save as one change, short enough not to be noticed.
const QUIET: Duration = Duration::from_millis(40);

/// The running watcher; watching stops when it is dropped.
pub(super) type Watcher = Debouncer<RecommendedWatcher, RecommendedCache>;

/// Watches the model root and a templates folder outside it, rebuilding `site` when a
/// model or template file changes.
pub(super) fn watch(
    site: &Arc<Site>,
    root: &Path,
    templates: Option<&Path>,
) -> Result<Watcher, ServeError> {
    // Events name paths under the folder as it was watched: absolute, to compare them.
    let root = &root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let templates: Vec<PathBuf> = [
        Some(root.join("templates")),
        templates.map(Path::to_path_buf),
    ]
    .into_iter()
    .flatten()
    .map(|dir| dir.canonicalize().unwrap_or(dir))
    .collect();
    let site = Arc::clone(site);
    let watched = templates.clone();
    let mut debouncer = new_debouncer(QUIET, None, move |result: DebounceEventResult| {
        // Reading the model (as each rebuild does) is an access, not a change: reacting to
        // it would rebuild for ever.
        let changed = |kind: &EventKind| {
            matches!(
                kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
            )
        };
        if let Ok(events) = result
            && events.iter().any(|event| {
                changed(&event.kind) && event.paths.iter().any(|path| matters(path, &watched))
            })
        {
            site.rebuild();
        }
    })
    .map_err(|e| ServeError::Watch {
        path: root.to_path_buf(),
        reason: e.to_string(),
    })?;
    let mut folders = vec![root.to_path_buf()];
    folders.extend(
        templates
            .into_iter()
            .filter(|dir| dir.is_dir() && !dir.starts_with(root)),
    );
    for folder in folders {
        debouncer
            .watch(&folder, RecursiveMode::Recursive)
            .map_err(|e| ServeError::Watch {
                path: folder.clone(),
                reason: e.to_string(),
            })?;
    }
    Ok(debouncer)
}

/// Whether a change to `path` can change the pack: a model file outside any pack folder,
/// or a file of a templates folder.
fn matters(path: &Path, templates: &[PathBuf]) -> bool {
    if templates.iter().any(|dir| path.starts_with(dir)) {
        return true;
    }
    let model_file = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"));
    model_file
        && !path
            .ancestors()
            .skip(1)
            .any(|folder| folder.join(PACK_MARKER).exists())
}
