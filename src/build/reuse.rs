//! Pages a rebuild takes unchanged from the build before it (`stake serve`).
//!
//! A page is a pure function of the templates, the variables its templates can name
//! (its content template and what that includes, the layout and the style sheet:
//! [`Templates::names_used`]), and what its directives embed (charts, notes). Before a
//! page is rendered its *key* hashes the first two; while it renders, each embed it
//! resolves is recorded with a hash of what it was. A page whose key is the last
//! build's and whose recorded embeds resolve to the same again would be written byte
//! for byte the same, so its files are reused instead. A page whose templates cannot be
//! read that way (a template named by an expression, the whole context) is always
//! rendered.
//!
//! This is why a save in `stake serve` re-renders the profile that changed and the
//! pages listing everyone, not ten thousand profiles.

use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Mutex;

use tera::{Context, Value};

use super::templates::Templates;
use crate::document::Block;
use crate::document::markdown::Embeds;

/// The variables a page sets itself (the rest come from the build's base context).
const PAGE_VARIABLES: [&str; 5] = ["root", "page", "kind", "s", "assessments"];

/// What the layout is given from the rendered content: derived from the content
/// template's output and its embeds, which the key and the embeds already cover.
const RENDERED: [&str; 4] = ["doc", "toc", "content", "css"];

/// The pages of the last build, by stem, for the next one to reuse.
#[derive(Debug, Default)]
pub struct PageCache {
    pages: HashMap<String, Cached>,
}

/// One page as the last build made it.
#[derive(Debug, Clone)]
pub struct Cached {
    /// `None` for a page that cannot have a key: never reused, nor kept.
    pub key: Option<u64>,
    embeds: Vec<(Embed, u64)>,
    /// The page's files (path relative to the output, bytes) and the characters no PDF
    /// font could draw.
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// See `files`.
    pub missing_chars: Vec<char>,
}

/// A directive a page resolved.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Embed {
    Chart(String),
    Markdown(String),
}

impl PageCache {
    /// How many pages it holds.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }
}

/// The keys of one build's pages: the hash of the templates, of each base variable a
/// page template can name, and what each page template can name.
pub struct Keys {
    /// The hash of the templates and of what a document takes from outside them
    /// (project name, date, edition, PDF settings).
    templates: u64,
    /// Per content template: the variables it (with the layout and the style sheet)
    /// can name, sorted; `None` when that cannot be told.
    used: HashMap<&'static str, Option<Vec<String>>>,
    /// The hash of each base variable some page can name.
    base: HashMap<String, u64>,
}

impl Keys {
    /// The keys for pages of the content templates `content`, laid out by `layout`, in a
    /// build whose variables are `base`.
    pub fn new(
        templates: &Templates,
        content: &[&'static str],
        layout: &str,
        base: &Context,
        settings: &str,
    ) -> Keys {
        let shared = [layout, "style.css.tera"]
            .iter()
            .map(|name| templates.names_used(name))
            .collect::<Option<Vec<_>>>()
            .map(|sets| sets.into_iter().flatten().collect::<BTreeSet<_>>());
        let used: HashMap<&'static str, Option<Vec<String>>> = content
            .iter()
            .map(|&name| {
                let names = shared
                    .as_ref()
                    .zip(templates.names_used(name))
                    .map(|(shared, own)| {
                        let mut all: BTreeSet<String> = own;
                        all.extend(shared.iter().cloned());
                        all.into_iter()
                            .filter(|n| !RENDERED.contains(&n.as_str()))
                            .collect()
                    });
                (name, names)
            })
            .collect();
        let wanted: BTreeSet<&String> = used
            .values()
            .flatten()
            .flatten()
            .filter(|n| !PAGE_VARIABLES.contains(&n.as_str()))
            .collect();
        use rayon::prelude::*;
        let base = wanted
            .into_par_iter()
            .filter_map(|name| Some((name.clone(), hash_value(base.get(name))?)))
            .collect();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (templates.digest(), settings).hash(&mut hasher);
        Keys {
            templates: hasher.finish(),
            used,
            base,
        }
    }

    /// The key of the page `stem` of `template` in the formats `formats` (Markdown,
    /// HTML, PDF) with the variables `context`, `None` when it cannot have one (then
    /// it is always rendered).
    pub fn key(
        &self,
        template: &str,
        stem: &str,
        formats: (bool, bool, bool),
        context: &Context,
    ) -> Option<u64> {
        let names = self.used.get(template)?.as_ref()?;
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (self.templates, template, stem, formats).hash(&mut hasher);
        for name in names {
            let value = if PAGE_VARIABLES.contains(&name.as_str()) {
                hash_value(context.get(name))?
            } else {
                *self.base.get(name)?
            };
            (name, value).hash(&mut hasher);
        }
        Some(hasher.finish())
    }
}

/// The hash of a template value (`None` for one JSON cannot write, such as a map with
/// keys that are not text); an absent value has a hash too.
fn hash_value(value: Option<&Value>) -> Option<u64> {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    match value {
        None => 0u8.hash(&mut hasher),
        Some(value) => {
            1u8.hash(&mut hasher);
            serde_json::to_writer(HashWriter(&mut hasher), value).ok()?;
        }
    }
    Some(hasher.finish())
}

fn hash_block(block: &Result<Block, String>) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    match block {
        Ok(block) => {
            // A block always serialises; were it not to, the hash still changes.
            let written = serde_json::to_writer(HashWriter(&mut hasher), block).is_ok();
            written.hash(&mut hasher);
        }
        Err(message) => message.hash(&mut hasher),
    }
    hasher.finish()
}

fn hash_text(text: &Result<&str, String>) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    match text {
        Ok(text) => (0u8, text).hash(&mut hasher),
        Err(message) => (1u8, message).hash(&mut hasher),
    }
    hasher.finish()
}

/// Writes into a hasher.
struct HashWriter<'h>(&'h mut std::collections::hash_map::DefaultHasher);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Embeds that remember what they resolved, for the page's entry in the cache.
pub struct Recording<'e> {
    inner: &'e dyn Embeds,
    seen: Mutex<Vec<(Embed, u64)>>,
}

impl<'e> Recording<'e> {
    /// Records what `inner` resolves.
    pub fn new(inner: &'e dyn Embeds) -> Recording<'e> {
        Recording {
            inner,
            seen: Mutex::new(Vec::new()),
        }
    }

    fn into_seen(self) -> Vec<(Embed, u64)> {
        self.seen.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Embeds for Recording<'_> {
    fn chart(&self, spec: &str) -> Result<Block, String> {
        let block = self.inner.chart(spec);
        let hash = hash_block(&block);
        self.seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((Embed::Chart(spec.to_owned()), hash));
        block
    }

    fn markdown(&self, spec: &str) -> Result<&str, String> {
        let text = self.inner.markdown(spec);
        let hash = hash_text(&text);
        self.seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((Embed::Markdown(spec.to_owned()), hash));
        text
    }
}

/// The last build's page `stem`, when its key is `key` and each embed it resolved
/// resolves to the same in `embeds` now.
pub fn reusable<'c>(
    cache: &'c PageCache,
    stem: &str,
    key: u64,
    embeds: &dyn Embeds,
) -> Option<&'c Cached> {
    let cached = cache.pages.get(stem).filter(|c| c.key == Some(key))?;
    let same = cached.embeds.iter().all(|(embed, hash)| {
        *hash
            == match embed {
                Embed::Chart(spec) => hash_block(&embeds.chart(spec)),
                Embed::Markdown(spec) => hash_text(&embeds.markdown(spec)),
            }
    });
    same.then_some(cached)
}

/// The cache entry of a page just rendered with `recording`.
pub fn entry(
    key: Option<u64>,
    recording: Recording<'_>,
    rendered: super::page::Rendered,
) -> Cached {
    Cached {
        key,
        embeds: recording.into_seen(),
        files: rendered.files,
        missing_chars: rendered.missing_chars,
    }
}

/// A page rendered without a key: written, never kept.
pub fn unkept(rendered: super::page::Rendered) -> Cached {
    Cached {
        key: None,
        embeds: Vec::new(),
        files: rendered.files,
        missing_chars: rendered.missing_chars,
    }
}

impl FromIterator<(String, Cached)> for PageCache {
    fn from_iter<I: IntoIterator<Item = (String, Cached)>>(pages: I) -> PageCache {
        PageCache {
            pages: pages.into_iter().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::fs;
    use std::path::Path;

    use super::*;
    use crate::build::output::Destination;
    use crate::build::{Format, Options, build_reusing};
    use crate::register::{Limits, load};

    /// Files kept in memory, as `stake serve` keeps them.
    #[derive(Default)]
    struct Files(Mutex<BTreeMap<PathBuf, Vec<u8>>>);

    impl Destination for Files {
        fn put(&self, relative: &Path, bytes: &[u8]) -> Result<(), String> {
            self.0
                .lock()
                .unwrap()
                .insert(relative.to_path_buf(), bytes.to_vec());
            Ok(())
        }
    }

    fn copy(from: &Path, to: &Path) {
        for entry in walkdir::WalkDir::new(from) {
            let entry = entry.unwrap();
            let target = to.join(entry.path().strip_prefix(from).unwrap());
            if entry.file_type().is_dir() {
                fs::create_dir_all(&target).unwrap();
            } else {
                fs::copy(entry.path(), &target).unwrap();
            }
        }
    }

    /// The files of a build of `root`, with `cache` or without; and the new cache.
    fn built(root: &Path, cache: Option<&PageCache>) -> (BTreeMap<PathBuf, Vec<u8>>, PageCache) {
        let register = load(root, &Limits::default()).unwrap().register;
        let options = Options {
            out: PathBuf::new(),
            public: false,
            as_of: register.project.as_of.unwrap(),
            formats: [Format::Html].into(),
            templates: None,
            pdf: Default::default(),
            horizon_weeks: crate::analysis::calendar::DEFAULT_HORIZON_WEEKS,
            owner: None,
            changes: None,
            assessments: None,
            index_history: None,
        };
        let (_, files, made) =
            build_reusing(register, &options, |_| Ok(Files::default()), cache).unwrap();
        (files.0.into_inner().unwrap(), made)
    }

    #[test]
    fn a_rebuild_reusing_pages_writes_what_a_fresh_build_writes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("register");
        copy(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/erp-rollout"),
            &root,
        );
        let helen = root.join("internal/helen-brandt.md");
        let original = fs::read_to_string(&helen).unwrap();
        let project = root.join("_project.md");
        let project_text = fs::read_to_string(&project).unwrap();
        let (_, mut cache) = built(&root, None);
        assert!(cache.is_empty(), "a build without a cache keeps none");
        let (_, made) = built(&root, Some(&cache));
        cache = made;
        // The same fixed pseudo-random sequence as the CLI's skip test (seed 5).
        let mut state: u64 = 5;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        let mut kinds = BTreeSet::new();
        for step in 0..16 {
            let kind = next(6);
            kinds.insert(kind);
            let edited = match kind {
                0 => original.clone(),
                1 => original.replace("name: Helen Brandt", &format!("name: Helen Step{step}")),
                2 => original.replace("power: 5", "power: 2"),
                3 => original.replacen("summary: ", &format!("summary: Step {step}, "), 1),
                4 => format!("{original}\nA note of step {step}.\n"),
                _ => {
                    // A project setting every page prints.
                    let renamed =
                        project_text.replacen("name: ", &format!("name: Step {step} "), 1);
                    fs::write(&project, renamed).unwrap();
                    original.clone()
                }
            };
            assert!(
                kind == 0 || kind == 5 || edited != original,
                "step {step} edited nothing"
            );
            fs::write(&helen, edited).unwrap();
            let (fresh, _) = built(&root, None);
            let (reusing, made) = built(&root, Some(&cache));
            assert_eq!(
                fresh.keys().collect::<Vec<_>>(),
                reusing.keys().collect::<Vec<_>>()
            );
            for (path, bytes) in &fresh {
                assert!(
                    reusing[path] == *bytes,
                    "step {step} (edit {kind}): {} differs",
                    path.display()
                );
            }
            cache = made;
        }
        assert_eq!(kinds.len(), 6, "{kinds:?}");
    }

    #[test]
    fn an_edit_to_one_stakeholder_renders_their_profile_and_not_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("register");
        copy(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/erp-rollout"),
            &root,
        );
        let (_, cache) = built(&root, Some(&PageCache::default()));
        let profiles = cache
            .pages
            .keys()
            .filter(|stem| stem.starts_with("stakeholders/"))
            .count();
        assert!(profiles > 10, "{profiles} profiles kept");
        let helen = root.join("internal/helen-brandt.md");
        let text = fs::read_to_string(&helen).unwrap();
        fs::write(&helen, text.replacen("summary: ", "summary: Reworded, ", 1)).unwrap();
        let (_, next) = built(&root, Some(&cache));
        let rendered: Vec<&String> = next
            .pages
            .iter()
            .filter(|(stem, page)| cache.pages.get(*stem).is_none_or(|old| old.key != page.key))
            .map(|(stem, _)| stem)
            .filter(|stem| stem.starts_with("stakeholders/"))
            .collect();
        assert_eq!(rendered, ["stakeholders/helen-brandt"]);
    }
}
