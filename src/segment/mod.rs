//! Blocks to entries: find the article's list among all the blocks of a document.
//!
//! The segmenter proposes candidate lists, each a sequence of "head" blocks (one per item),
//! scores them, and keeps the best one. Candidates come from structure only:
//!
//! - **numbered heads**: blocks that open with a rank marker ([`marker`]). Heads of one list
//!   share a marker style and a block kind, and their numbers run up or down by one, with small
//!   gaps, or restart at 1 after a section heading. An item whose body repeats its own marker is
//!   one item, and a number inside prose is not a marker because markers open a block.
//! - **ordered and unordered lists**: `<ol>`/`<ul>` items and plain-text bullet runs.
//! - **heading sections**: headings of one level (Markdown, HTML, or plain-text heading lines)
//!   whose sections have the same shape; an intro or outro section of that shape is recognised by
//!   what it does not share with the others (its title is not echoed in its body, it has no
//!   tagline, it recaps other items) and dropped.
//!
//! Every candidate is kept with the reason it won or lost, so `listicle inspect` can show it.
//! The segmenter is a pure function of the blocks.

pub mod marker;

use std::ops::Range;

use serde::Serialize;

use crate::blocks::{Block, Blocks, Kind};
use marker::{Marker, Style};

/// One list item: its head block, the blocks of its body, and the rank it shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entry {
    pub head: usize,
    pub body: Range<usize>,
    pub rank: Option<i64>,
    /// The head's text without its marker: the item's heading as shown.
    pub heading: String,
    /// The head block is itself the item (a list item or a one-line item): the title is taken
    /// from its start and the rest of the block is description.
    pub inline: bool,
    /// The first of the figure blocks (image, caption, credit) placed right before the head
    /// that belong to this item (when figures stand before the items' headings rather than
    /// after them).
    pub media: Option<usize>,
    /// The heading (or, in text, the line that names a section) of the part of the page the
    /// item is in, when the list's items are spread over two parts or more ("Under $500",
    /// then "Under $1000"); `None` when the whole list is in one part.
    pub section: Option<usize>,
}

/// The result of segmenting a document.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Segmentation {
    pub entries: Vec<Entry>,
    /// Headings are written `Title: tagline` throughout the list; the title is the part
    /// before the colon.
    pub taglines: bool,
    /// Every candidate list that was considered, best first.
    pub candidates: Vec<Candidate>,
}

/// A candidate list, for `inspect`.
#[derive(Clone, Debug, Serialize)]
pub struct Candidate {
    pub kind: String,
    pub heads: Vec<usize>,
    pub score: f32,
    pub chosen: bool,
    pub reason: String,
}

/// A numbered head: a block index and the marker parsed from it.
#[derive(Clone, Debug)]
struct Numbered {
    block: usize,
    marker: Marker,
    family: Family,
}

/// Heads of one list share a marker style, a label and a kind of block.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Family {
    style: Style,
    label: Option<String>,
    kind: u8,
}

fn kind_class(b: &Block) -> u8 {
    match b.kind {
        Kind::Heading(n) => n,
        Kind::ListItem => 10 + b.list.map(|l| l.depth.min(5) as u8).unwrap_or(0),
        Kind::Caption => 20,
        _ => 30,
    }
}

/// The minimum number of items for a list to count as the article's list.
const MIN_ITEMS: usize = 3;

/// The kinds of candidate whose items are a list's or a table's own (what [`summaries`]
/// asks about), named once for where they are made and where they are asked about.
const BULLET_LIST: &str = "bullet list";
const ORDERED_LIST: &str = "ordered list";
const TABLE_ROWS: &str = "table rows";

/// Segment a document's blocks into entries, with every candidate list that was considered
/// and why it won or lost (`candidates`, as `inspect` shows them).
pub fn segment(doc: &Blocks) -> Segmentation {
    segment_with(doc, true)
}

/// [`segment`] without the account of the candidates (`candidates` is left empty): the
/// entries alone, as a batch run needs them.
pub fn entries(doc: &Blocks) -> Segmentation {
    segment_with(doc, false)
}

fn segment_with(doc: &Blocks, explain: bool) -> Segmentation {
    let blocks = &doc.blocks;
    let mut cands: Vec<Proposal> = Vec::new();
    // What the page repeats, counted once for finding the lists and building the entries.
    let reps = Repeats::new(blocks);
    // Every block's marker, read once for the several kinds of candidate that ask.
    let markers: Vec<Option<Marker>> = blocks.iter().map(|b| marker::parse_any(&b.text)).collect();
    // What each candidate's reasons would say is only written out when they are asked for.
    let why = Why::new(explain);
    numbered_candidates(doc, &markers, &mut cands, why);
    list_candidates(doc, &markers, &mut cands, why);
    lead_in_candidates(doc, &markers, &mut cands, why);
    heading_candidates(doc, &markers, &mut cands, &reps, why);
    crate::segment::html_shapes::candidates(doc, &mut cands, why);
    summaries(blocks, &mut cands);
    check_item_list(doc, &mut cands, why);

    // Best first: the list the page's schema.org ItemList names, then a list whose size the
    // title states, then numbered lists, then the rest; within a tier by score, then earlier
    // in the document.
    let count = title_counts(doc);
    let tier = |p: &Proposal| -> u8 {
        let weight = p.weight(blocks);
        if p.item_list {
            3
        } else if count.contains(&(p.heads.len() as i64)) && weight > 0.6 {
            2
        } else if p.heads.iter().all(|h| h.rank.is_some()) {
            1
        } else {
            0
        }
    };
    // Each tier is worked out once, not at every comparison.
    let mut tiered: Vec<(u8, Proposal)> = cands.into_iter().map(|p| (tier(&p), p)).collect();
    tiered.sort_by(|(ta, a), (tb, b)| {
        tb.cmp(ta)
            .then(
                b.score
                    .partial_cmp(&a.score)
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
            .then(
                a.heads
                    .first()
                    .map(|h| h.block)
                    .cmp(&b.heads.first().map(|h| h.block)),
            )
    });
    let cands: Vec<Proposal> = tiered.into_iter().map(|(_, p)| p).collect();
    let mut seg = Segmentation::default();
    let chosen = cands
        .iter()
        .position(|c| c.heads.len() >= MIN_ITEMS && c.rejected.is_none());
    if let Some(i) = chosen {
        let c = &cands[i];
        seg.taglines = c.taglines;
        seg.entries = build_entries(doc, c, &reps);
    }
    if !explain {
        return seg;
    }
    seg.candidates = cands
        .into_iter()
        .enumerate()
        .map(|(i, c)| Candidate {
            kind: c.kind.to_string(),
            heads: c.heads.iter().map(|h| h.block).collect(),
            score: c.score,
            chosen: Some(i) == chosen,
            reason: match (&c.rejected, Some(i) == chosen) {
                (_, true) => format!("chosen: {}", c.why),
                (Some(r), _) => format!("rejected: {r}"),
                (None, _) if c.heads.len() < MIN_ITEMS => {
                    format!("rejected: only {} items (need {MIN_ITEMS})", c.heads.len())
                }
                (None, _) => format!("lost: {}", c.why),
            },
        })
        .collect();
    seg
}

/// A list or a table whose every item names a section further down, in its whole
/// text, its bold lead, the text after that lead or after a colon, one of its links or one of
/// its cells (`Best overall: <a>Acer Aspire 5</a>` over `<h3>Acer Aspire 5</h3>` and its text, or a
/// table comparing the products reviewed below): a summary of that list, not the list.
fn summaries(blocks: &[Block], cands: &mut [Proposal]) {
    let listed = |p: &Proposal| [BULLET_LIST, ORDERED_LIST, TABLE_ROWS].contains(&p.kind);
    // A summary's items name: none is a paragraph (150 bytes or more).
    let summary = |p: &Proposal| {
        listed(p)
            && p.rejected.is_none()
            && p.heads.len() >= MIN_ITEMS
            && p.heads.iter().all(|h| blocks[h.block].text.len() < 150)
    };
    // Each list of sections' folded names (to the place of the section), made once, the first
    // time a summary asks, with the longest text that may name one.
    type Names = (rustc_hash::FxHashMap<String, usize>, usize);
    let names: Vec<std::cell::OnceCell<Names>> = vec![Default::default(); cands.len()];
    for c in 0..cands.len() {
        if !summary(&cands[c]) {
            continue;
        }
        let p = &cands[c];
        let last = p.heads[p.heads.len() - 1].block;
        // The list of sections summarised, and the section each item names.
        let summarised = cands
            .iter()
            .zip(&names)
            .enumerate()
            .find_map(|(si, (s, names))| {
                if listed(s)
                    || s.rejected.is_some()
                    || s.heads.len() < p.heads.len()
                    || s.heads[0].block <= last
                {
                    return None;
                }
                let (names, longest) = names.get_or_init(|| {
                    let texts = s.heads.iter().map(|h| &blocks[h.block].text[h.rest..]);
                    // Longer texts name none of them (folding drops a little punctuation and
                    // space at most), and are not folded.
                    let longest = texts.clone().map(str::len).max().unwrap_or(0) * 2 + 16;
                    let names = texts
                        .enumerate()
                        .map(|(k, t)| (crate::extract::fold(t), k))
                        .collect();
                    (names, longest)
                });
                let named = |t: &str| {
                    let t = t.trim().trim_end_matches(':');
                    if t.is_empty() || t.len() > *longest {
                        return None;
                    }
                    names.get(&crate::extract::fold(t)).copied()
                };
                p.heads
                    .iter()
                    .map(|h| {
                        let b = &blocks[h.block];
                        named(&b.text)
                            .or_else(|| b.lead.as_deref().and_then(named))
                            .or_else(|| after_lead(b).and_then(named))
                            .or_else(|| {
                                let (_, v) = b.text.split_once(':')?;
                                v.starts_with(' ').then_some(v).and_then(named)
                            })
                            .or_else(|| b.links.iter().find_map(|l| named(&l.text)))
                            .or_else(|| match b.kind {
                                Kind::Row => b.text.split(" | ").find_map(named),
                                _ => None,
                            })
                    })
                    .collect::<Option<Vec<usize>>>()
                    .map(|sections| (si, sections))
            });
        let Some((si, sections)) = summarised else {
            continue;
        };
        let why = format!(
            "a summary of the {} items below (from #{}): each of its items names one",
            cands[si].heads.len(),
            cands[si].heads[0].block
        );
        cands[c].rejected = Some(why);
        // The numbers a numbered summary shows (`<ol>` of picks) rank the sections it names
        // when they show none, one each.
        let ranks: Vec<Option<i64>> = cands[c].heads.iter().map(|h| h.rank).collect();
        let s = &mut cands[si];
        // Every section named by exactly one pick.
        let mut named = sections.clone();
        named.sort_unstable();
        named.dedup();
        let one_each = sections.len() == s.heads.len() && named.len() == sections.len();
        if one_each && ranks.iter().all(Option::is_some) && s.heads.iter().all(|h| h.rank.is_none())
        {
            for (&k, r) in sections.iter().zip(ranks) {
                s.heads[k].rank = r;
            }
        }
    }
}

/// Check every candidate against the page's schema.org `ItemList`, when it has one: a
/// candidate whose titles are the list's names (at least 60% of both) is the page's list,
/// whatever else its shape says.
fn check_item_list(doc: &Blocks, cands: &mut [Proposal], why: Why) {
    let names: Vec<String> = doc
        .meta
        .item_list
        .iter()
        .map(|n| crate::extract::fold(n))
        .collect();
    if names.len() < MIN_ITEMS {
        return;
    }
    for c in cands.iter_mut() {
        let found = c
            .heads
            .iter()
            .filter(|h| {
                let t = crate::extract::fold(&doc.blocks[h.block].text[h.rest..]);
                !t.is_empty()
                    && names
                        .iter()
                        .any(|n| !n.is_empty() && (t == *n || t.contains(n.as_str())))
            })
            .count();
        if found * 5 >= c.heads.len() * 3 && found * 5 >= names.len() * 3 {
            c.rejected = None;
            c.item_list = true;
            c.why.push_str(&why.say(|| {
                format!(
                    ", {found} of {} titles match the page's schema.org ItemList",
                    c.heads.len()
                )
            }));
        }
    }
}

/// Segment with the items given from outside (`--item-selector`): `texts` are the texts of
/// the selected elements, in document order; each item's head is the first block at or after
/// the previous item's that the element's text starts with.
pub fn selected(doc: &Blocks, texts: &[String]) -> Segmentation {
    let blocks = &doc.blocks;
    let mut heads = Vec::new();
    let mut at = 0;
    for t in texts {
        let want = crate::extract::fold(t);
        if want.is_empty() {
            continue;
        }
        let found = (at..blocks.len()).find(|&i| {
            let b = crate::extract::fold(&blocks[i].text);
            !b.is_empty() && want.starts_with(&b)
        });
        if let Some(i) = found {
            let m = marker::parse_any(&blocks[i].text);
            heads.push(Head {
                block: i,
                rank: m.as_ref().map(|m| m.rank),
                rest: m.map(|m| m.rest).unwrap_or(0),
                inline: !matches!(blocks[i].kind, Kind::Heading(_)),
            });
            at = i + 1;
        }
    }
    let p = Proposal {
        why: format!("{} elements matched --item-selector", heads.len()),
        ..Proposal::new("selected", heads)
    };
    Segmentation {
        entries: build_entries(doc, &p, &Repeats::new(&doc.blocks)),
        taglines: false,
        candidates: vec![Candidate {
            kind: p.kind.to_string(),
            heads: p.heads.iter().map(|h| h.block).collect(),
            score: 0.0,
            chosen: true,
            reason: format!("chosen: {}", p.why),
        }],
    }
}

/// Whether the reasons for each candidate (as `inspect` shows them) are written out: a batch
/// run needs only the entries, and writing a dozen reasons a document was 1.5% of a run on
/// page text.
#[derive(Clone, Copy)]
pub(crate) struct Why {
    on: bool,
}

impl Why {
    fn new(on: bool) -> Why {
        Why { on }
    }

    /// The reason `text` gives, when reasons are written out; nothing otherwise.
    fn say(self, text: impl FnOnce() -> String) -> String {
        if self.on { text() } else { String::new() }
    }

    /// An empty list of reasons, to be joined into one.
    fn list(self) -> Reasons {
        Reasons(self.on.then(Vec::new))
    }
}

/// Reasons for one candidate, kept only when they are written out ([`Why`]): `None` when
/// they are not.
struct Reasons(Option<Vec<String>>);

impl Reasons {
    fn add(&mut self, part: impl FnOnce() -> String) {
        if let Some(parts) = &mut self.0 {
            parts.push(part());
        }
    }

    /// A reason before all the others.
    fn first(&mut self, part: impl FnOnce() -> String) {
        if let Some(parts) = &mut self.0 {
            parts.insert(0, part());
        }
    }

    fn join(self) -> String {
        self.0.map(|parts| parts.join(", ")).unwrap_or_default()
    }
}

/// The mean region weight of some blocks (0 for none).
pub(crate) fn mean_weight(blocks: &[Block], idx: &[usize]) -> f32 {
    idx.iter().map(|&i| blocks[i].weight).sum::<f32>() / idx.len().max(1) as f32
}

impl Proposal {
    /// A candidate of `kind` with these heads, not yet scored.
    fn new(kind: &'static str, heads: Vec<Head>) -> Proposal {
        Proposal {
            kind,
            heads,
            score: 0.0,
            why: String::new(),
            rejected: None,
            taglines: false,
            item_list: false,
        }
    }

    /// The mean region weight of the list's heads.
    fn weight(&self, blocks: &[Block]) -> f32 {
        let heads: Vec<usize> = self.heads.iter().map(|h| h.block).collect();
        mean_weight(blocks, &heads)
    }
}

/// A candidate list while it is being scored.
#[derive(Clone, Debug)]
pub(crate) struct Proposal {
    pub kind: &'static str,
    pub heads: Vec<Head>,
    pub score: f32,
    pub why: String,
    pub rejected: Option<String>,
    pub taglines: bool,
    /// Its titles are the names of the page's schema.org ItemList.
    pub item_list: bool,
}

#[derive(Clone, Debug)]
pub(crate) struct Head {
    pub block: usize,
    pub rank: Option<i64>,
    /// Byte offset into the block's text where the heading starts (after the marker).
    pub rest: usize,
    pub inline: bool,
}

impl Head {
    /// A head whose whole block text is the item's heading (no marker to skip).
    pub(crate) fn whole(block: usize, rank: Option<i64>, inline: bool) -> Head {
        Head {
            block,
            rank,
            rest: 0,
            inline,
        }
    }
}

/// Can block `b`, with `rest` after its marker, head an item: a heading, a one-line head
/// ([`short_head`]), or a paragraph whose first sentence is short enough to be its title?
fn is_heading_like(b: &Block, rest: &str) -> bool {
    match b.kind {
        Kind::Pre | Kind::Row => false,
        _ => short_head(b, rest) || crate::extract::title_cut(rest.trim()).is_some(),
    }
}

/// A heading, or a one-line item head: short, or the emphasised lead of its block.
fn short_head(b: &Block, rest: &str) -> bool {
    matches!(b.kind, Kind::Heading(_))
        || rest.chars().count() <= crate::extract::LONG_HEAD
        || b.lead
            .as_deref()
            .is_some_and(|l| l.len() < crate::extract::LONG_HEAD)
}

fn numbered_candidates(
    doc: &Blocks,
    markers: &[Option<Marker>],
    out: &mut Vec<Proposal>,
    why: Why,
) {
    let blocks = &doc.blocks;
    let mut heads: Vec<Numbered> = Vec::new();
    for (i, b) in blocks.iter().enumerate().skip(doc.body_start) {
        let Some(m) = markers[i].clone() else {
            continue;
        };
        if !is_heading_like(b, &b.text[m.rest..]) {
            continue;
        }
        let family = Family {
            style: m.style,
            label: m.label.clone(),
            kind: kind_class(b),
        };
        heads.push(Numbered {
            block: i,
            marker: m,
            family,
        });
    }
    long_heads(doc, markers, &mut heads);
    let mut families: Vec<Family> = heads.iter().map(|h| h.family.clone()).collect();
    families.sort();
    families.dedup();
    let mut all: Vec<(Family, Vec<&Numbered>)> = Vec::new();
    for fam in families {
        let members: Vec<&Numbered> = heads.iter().filter(|h| h.family == fam).collect();
        let mut found = runs(blocks, doc.body_start, &members);
        split_unlike_sections(title_counts(doc), &mut found);
        absorb_strays(blocks, &fam, &members, &mut found);
        all.extend(found.into_iter().map(|r| (fam.clone(), r)));
    }
    stitch(blocks, &mut all);
    for (fam, mut run) in all {
        // Numbers of four digits and more alone are years (a timeline), not a list's count.
        if run.iter().all(|h| h.marker.rank >= 1000) {
            continue;
        }
        unlike_ends(blocks, &mut run);
        // A slideshow's counters start at 1 or end at the total (`8/11`, `9/11` and `10/11`
        // over three days of a diary are dates).
        if fam.style == Style::Counter {
            let total = fam.label.as_deref().and_then(|l| l.parse::<i64>().ok());
            if !run
                .iter()
                .any(|h| h.marker.rank == 1 || Some(h.marker.rank) == total)
            {
                continue;
            }
        }
        {
            let heads: Vec<Head> = run
                .iter()
                .map(|h| Head {
                    block: h.block,
                    rank: Some(h.marker.rank),
                    rest: h.marker.rest,
                    inline: !matches!(blocks[h.block].kind, Kind::Heading(_)),
                })
                .collect();
            let mut p = Proposal::new("numbered", heads);
            score_numbered(doc, markers, &fam, &mut p, why);
            out.push(p);
        }
    }
}

/// Add to `heads` (in block order) the heads numbered 1000 and past (`1000. Name`,
/// [`marker::parse_long`]) of a list that counts that far. A line that starts with four digits
/// is most often a year, so such a head is taken only next to a number of its family: one
/// below or above it (999 or 1001, a head of a marker of its own or of four digits too), and
/// only when the list has its 999th head.
fn long_heads(doc: &Blocks, markers: &[Option<Marker>], heads: &mut Vec<Numbered>) {
    // Such a list holds a 999th item, counting up or down.
    if !heads.iter().any(|h| h.marker.rank == 999) {
        return;
    }
    let blocks = &doc.blocks;
    let long: Vec<Numbered> = (doc.body_start..blocks.len())
        .filter(|&i| markers[i].is_none())
        .filter_map(|i| {
            let b = &blocks[i];
            let m = marker::parse_long(&b.text)?;
            is_heading_like(b, &b.text[m.rest..]).then(|| Numbered {
                block: i,
                family: Family {
                    style: m.style,
                    label: None,
                    kind: kind_class(b),
                },
                marker: m,
            })
        })
        .collect();
    if long.is_empty() {
        return;
    }
    let numbers: rustc_hash::FxHashSet<(&Family, i64)> = heads
        .iter()
        .chain(&long)
        .map(|h| (&h.family, h.marker.rank))
        .collect();
    let next_to = |h: &Numbered| {
        let r = h.marker.rank;
        numbers.contains(&(&h.family, r - 1)) || numbers.contains(&(&h.family, r + 1))
    };
    let taken: Vec<Numbered> = long.iter().filter(|h| next_to(h)).cloned().collect();
    drop(numbers);
    if !taken.is_empty() {
        heads.extend(taken);
        heads.sort_by_key(|h| h.block);
    }
}

/// A head that is a whole long paragraph (a head only by its first sentence) at either end of
/// a run whose other heads are all short lines is not one of them: a comment below the article
/// that goes on counting ("Tip #11: I would add…" under ten `Tip #N: Name` lines).
fn unlike_ends(blocks: &[Block], run: &mut Vec<&Numbered>) {
    let long = |h: &Numbered| {
        let b = &blocks[h.block];
        !short_head(b, &b.text[h.marker.rest..])
    };
    while run.len() > MIN_ITEMS {
        let n = run.len();
        if long(run[n - 1]) && run[..n - 1].iter().all(|h| !long(h)) {
            run.pop();
        } else if long(run[0]) && run[1..].iter().all(|h| !long(h)) {
            run.remove(0);
        } else {
            break;
        }
    }
}

/// A run of heads being built by [`runs`].
struct Open<'a> {
    heads: Vec<&'a Numbered>,
    /// 1 up, -1 down, 0 not yet known.
    dir: i64,
    /// A section numbered from 1 again after a section starts: the run it may go on.
    parent: Option<usize>,
    /// The first head of the run it may go on, through all its sections.
    first: &'a Numbered,
}

/// Split one family's heads into runs of consistent numbering. A head joins the longest open
/// run it continues (next number up or down, a gap of at most three); otherwise it opens a run
/// of its own. A head numbered 1 after a section starts ([`section_between`]) opens a section
/// of the run, which joins it at the end unless the run went on counting past it. A head that
/// repeats the previous head's number and text is the item's body echoing its marker, not a
/// new item.
fn runs<'a>(
    blocks: &[Block],
    body_start: usize,
    members: &[&'a Numbered],
) -> Vec<Vec<&'a Numbered>> {
    let mut runs: Vec<Open> = Vec::new();
    'next: for &h in members {
        if crate::budget::over() {
            break;
        }
        let r = h.marker.rank;
        // (run, direction, a new section of it)
        let mut best: Option<(usize, i64, bool)> = None;
        // The head repeats the last head of a run (an item whose body starts with its own
        // marker): it is part of that item, unless another run goes on with it (a table of
        // contents, then the items with the same lines as headings).
        let mut repeats = false;
        // Of two runs h goes on equally well, the longer, then the one whose last head is set
        // out as h is (a blank line before it or not: numbered steps on lines of their own
        // inside an item do not take the list's next head), then the nearer (a section,
        // `1. Harbour Run`, `2. Map Makers`, goes on before the list it is a section of).
        let spaced = blocks[h.block].blank_before;
        let rank_key = |o: &Open| {
            let l = o.heads[o.heads.len() - 1];
            (
                o.heads.len(),
                blocks[l.block].blank_before == spaced,
                l.block,
            )
        };
        // Only recent runs can continue: this keeps a page of thousands of stray numbers
        // linear.
        let from = runs.len().saturating_sub(64);
        for (ri, run) in runs.iter().enumerate().skip(from) {
            let last = run.heads.last().unwrap();
            let lr = last.marker.rank;
            if r == lr && same_item(&blocks[last.block], &blocks[h.block], last, h) {
                repeats = true;
                continue;
            }
            let step = r - lr;
            // In text, a number that skips ahead continues a run only from a line set out the
            // same way (`1.` on a line of its own does not join `4.` after a blank line: it
            // starts the steps inside item 4).
            let (bl, bh) = (&blocks[last.block], &blocks[h.block]);
            if step.abs() > 1 && bl.container == 0 && bl.blank_before != bh.blank_before {
                continue;
            }
            let new_dir = match run.dir {
                1 if (1..=3).contains(&step) => Some((1, false)),
                1 if r == 1 && section_between(blocks, body_start, run, h) => Some((1, true)),
                -1 if (-3..=-1).contains(&step) => Some((-1, false)),
                0 if (1..=3).contains(&step) => Some((1, false)),
                0 if (-3..=-1).contains(&step) => Some((-1, false)),
                _ => None,
            };
            if let Some((d, section)) = new_dir
                && best.is_none_or(|(b, _, _)| rank_key(&runs[b]) < rank_key(run))
            {
                best = Some((ri, d, section));
            }
        }
        match best {
            // A new section opens a run of its own, joined to the run it goes on at the end,
            // so that the run stays open for a head that goes on counting past the section
            // (a "Related" box of `1.`, `2.`, `3.` inside a list, then `3.` of the list).
            Some((ri, _, true)) => {
                let first = runs[ri].first;
                runs.push(Open {
                    heads: vec![h],
                    dir: 1,
                    parent: Some(ri),
                    first,
                });
            }
            Some((ri, d, false)) => {
                runs[ri].heads.push(h);
                runs[ri].dir = d;
            }
            None if repeats => continue 'next,
            None => runs.push(Open {
                heads: vec![h],
                dir: 0,
                parent: None,
                first: h,
            }),
        }
    }
    // Each section joins the run it goes on, when that run did not go on past the section's
    // start. `home[i]` is the run that holds run i's heads.
    let mut home: Vec<usize> = (0..runs.len()).collect();
    for i in 0..runs.len() {
        let Some(p) = runs[i].parent else {
            continue;
        };
        let to = home[p];
        let start = runs[i].heads[0].block;
        if runs[to].heads.last().is_some_and(|l| l.block < start) {
            let heads = std::mem::take(&mut runs[i].heads);
            runs[to].heads.extend(heads);
            home[i] = to;
        }
    }
    runs.into_iter()
        .map(|r| r.heads)
        .filter(|h| !h.is_empty())
        .collect()
}

/// Pages mix block kinds within one list (items 1 to 4 as bold paragraphs, 5 and 6 as
/// headings, 7 as a paragraph again). Runs with the same marker style whose heads, taken
/// together in document order, count up (or down) by exactly one are one list, when they
/// share a container (the same article's text, not a comment below it that goes on counting).
fn stitch(blocks: &[Block], all: &mut Vec<(Family, Vec<&Numbered>)>) {
    // A page with very many runs is not one list to stitch together.
    if all.len() > 64 {
        return;
    }
    loop {
        let mut merged = false;
        'pairs: for a in 0..all.len() {
            for b in 0..all.len() {
                if a == b
                    || all[a].0.style != all[b].0.style
                    || all[a].0.label != all[b].0.label
                    || all[a].0.kind == all[b].0.kind
                {
                    continue;
                }
                let mut heads: Vec<&Numbered> =
                    all[a].1.iter().chain(all[b].1.iter()).copied().collect();
                heads.sort_by_key(|h| h.block);
                let steps: Vec<i64> = heads
                    .windows(2)
                    .map(|w| w[1].marker.rank - w[0].marker.rank)
                    .collect();
                let share = |x: &&Numbered| {
                    let c = blocks[x.block].container;
                    all[b].1.iter().any(|y| blocks[y.block].container == c)
                };
                if (steps.iter().all(|&d| d == 1) || steps.iter().all(|&d| d == -1))
                    && all[a].1.iter().any(share)
                {
                    let fam = if all[a].1.len() >= all[b].1.len() {
                        all[a].0.clone()
                    } else {
                        all[b].0.clone()
                    };
                    let (hi, lo) = (a.max(b), a.min(b));
                    all.remove(hi);
                    all.remove(lo);
                    all.push((fam, heads));
                    merged = true;
                    break 'pairs;
                }
            }
        }
        if !merged {
            return;
        }
    }
}

/// Numbered headings of the same family inside the span of the longest run are items too,
/// even when the page's own numbering stumbles (`1, 2, 3, 5, 6, 5, 6, 8`): a reader sees them
/// as items, and their ranks are kept as shown. Only headings are absorbed; numbered lines in
/// an item's body (steps of a recipe) are not.
fn absorb_strays<'a>(
    blocks: &[Block],
    fam: &Family,
    members: &[&'a Numbered],
    runs: &mut Vec<Vec<&'a Numbered>>,
) {
    if !matches!(fam.kind, 1..=6) || runs.len() < 2 {
        return;
    }
    let Some(best) = (0..runs.len()).max_by_key(|&i| runs[i].len()) else {
        return;
    };
    let (lo, hi) = (runs[best][0].block, runs[best].last().unwrap().block);
    let inside = |h: &Numbered| lo < h.block && h.block < hi;
    let strays: Vec<&Numbered> = members
        .iter()
        .copied()
        .filter(|h| inside(h) && !runs[best].iter().any(|r| r.block == h.block))
        .filter(|h| blocks[h.block].weight >= blocks[lo].weight * 0.9)
        .collect();
    if strays.is_empty() || strays.len() * 2 > runs[best].len() {
        return;
    }
    let mut merged = runs[best].clone();
    merged.extend(strays.iter().copied());
    merged.sort_by_key(|h| h.block);
    for r in runs.iter_mut() {
        r.retain(|h| !inside(h));
    }
    runs.retain(|r| !r.is_empty());
    runs.push(merged);
}

fn same_item(a: &Block, b: &Block, ma: &Numbered, mb: &Numbered) -> bool {
    let ta = crate::extract::fold(&a.text[ma.marker.rest..]);
    let tb = crate::extract::fold(&b.text[mb.marker.rest..]);
    !ta.is_empty() && tb.starts_with(&ta)
}

/// Does a section start between a run's last head and `b`, so that numbering may start again
/// at 1: a heading that is not itself of the run's family (a section heading), or in text a
/// line that names a section?
fn section_between(blocks: &[Block], body_start: usize, run: &Open, b: &Numbered) -> bool {
    let a = run.heads[run.heads.len() - 1];
    let heading = blocks[a.block + 1..b.block].iter().any(|x| match x.kind {
        Kind::Heading(n) => match blocks[a.block].kind {
            Kind::Heading(m) => n <= m,
            _ => true,
        },
        _ => false,
    });
    if heading {
        return true;
    }
    // In text, a short line set apart right above the restart (`For Toddlers` over
    // `1. Stack Attack`) starts a section when the list began at 1 under such a line, right
    // above its first head or a few paragraphs above it, and its items have text (numbered
    // headlines under `Most read`, then under `Recommended`, are two boxes of links).
    let line = |j: usize| j >= body_start && is_section_line(blocks, j, true);
    let first = run.first;
    let bodied = run.heads.len() >= 2 && !on_consecutive_blocks(&run.heads);
    b.block > a.block + 1
        && first.marker.rank == 1
        && bodied
        && line(b.block - 1)
        && (first.block.saturating_sub(3)..first.block).any(line)
}

/// Two heads or more, each on the block right after the one before: items with no text of
/// their own (a box of numbered headlines).
fn on_consecutive_blocks(heads: &[&Numbered]) -> bool {
    heads.len() >= 2 && heads.windows(2).all(|w| w[1].block == w[0].block + 1)
}

/// A run joined across restarts (`1, 2, 3`, a section, `1, 2`) is one list only when its
/// sections are alike. It is cut before the first section that is not: one whose heads stand
/// on consecutive lines with nothing between them when the first section's items have text
/// (a "Related" box of numbered headlines below the list), or the other way round; or where
/// the title's count is met by the sections before it and not by the whole run (nor by the
/// sum of its counts, "Top 5 and Flop 5").
fn split_unlike_sections(counts: &[i64], runs: &mut Vec<Vec<&Numbered>>) {
    let mut i = 0;
    while i < runs.len() {
        let run = &runs[i];
        // Only runs that count up restart; a restart is a number no higher than the last.
        let restart = |k: &usize| run[*k].marker.rank <= run[*k - 1].marker.rank;
        let up = run.len() >= 2 && run[1].marker.rank > run[0].marker.rank;
        if !up || !(1..run.len()).any(|k| restart(&k)) {
            i += 1;
            continue;
        }
        let starts: Vec<usize> = (1..run.len()).filter(restart).collect();
        let tight = |from: usize, to: usize| on_consecutive_blocks(&run[from..to]);
        let ends: Vec<usize> = starts.iter().copied().chain([run.len()]).collect();
        let first_tight = tight(0, ends[0]);
        // "Top 5 and Flop 5" promises both sections.
        let n = run.len() as i64;
        let whole = counts.contains(&n) || (counts.len() > 1 && counts.iter().sum::<i64>() == n);
        let cut = starts.iter().zip(&ends[1..]).find_map(|(&k, &end)| {
            let unlike = end - k >= 2 && ends[0] >= 2 && tight(k, end) != first_tight;
            let counted = !whole && counts.contains(&(k as i64));
            (unlike || counted).then_some(k)
        });
        if let Some(k) = cut {
            let rest = runs[i].split_off(k);
            runs.insert(i + 1, rest);
        }
        i += 1;
    }
}

fn score_numbered(
    doc: &Blocks,
    markers: &[Option<Marker>],
    fam: &Family,
    p: &mut Proposal,
    why: Why,
) {
    let blocks = &doc.blocks;
    let n = p.heads.len() as f32;
    let ranks: Vec<i64> = p.heads.iter().filter_map(|h| h.rank).collect();
    let first = ranks[0];
    let last = *ranks.last().unwrap();
    let mut score = n * 2.0 + 2.0;
    let mut why = why.list();
    why.add(|| format!("{} numbered {:?} heads", p.heads.len(), fam.style));
    if first == 1 || last == 1 {
        score += 2.0;
        why.add(|| "starts or ends at 1".into());
    }
    if matches!(fam.kind, 1..=6) {
        score += 3.0;
        why.add(|| "in headings".into());
    }
    let weight = p.weight(blocks);
    score *= weight.max(0.05);
    if weight < 0.99 {
        why.add(|| format!("region weight {weight:.2}"));
    }
    if title_counts(doc).contains(&(p.heads.len() as i64)) {
        score += 4.0;
        why.add(|| "count matches the title".into());
    }
    p.score = score;
    p.why = why.join();
    if contents_list(blocks, markers, &p.heads) {
        p.rejected = Some("a table of contents: its lines come again below, as heads".into());
    }
}

/// Heads on consecutive lines with no text between them, every one of which comes again
/// later in the document as a block of its own (with or without its number): a table of
/// contents over the items, not the items.
fn contents_list(blocks: &[Block], markers: &[Option<Marker>], heads: &[Head]) -> bool {
    if heads.len() < 3 || heads.windows(2).any(|w| w[1].block != w[0].block + 1) {
        return false;
    }
    let end = heads[heads.len() - 1].block;
    // Later blocks' names: their text after any marker.
    let later: Vec<&str> = blocks[end + 1..]
        .iter()
        .zip(&markers[end + 1..])
        .filter(|(b, _)| b.text.len() <= 300)
        .map(|(b, m)| &b.text[m.as_ref().map_or(0, |m| m.rest)..])
        .collect();
    let name = |h: &Head| crate::extract::fold(section_number_off(&blocks[h.block].text[h.rest..]));
    // Most lists are no contents and fail on their first head. A later name folds to it only
    // if its fold holds it, which [`names`] answers mostly without folding, so only those few
    // are folded whole. Past the first head, all later names are folded once, into a set.
    let first = name(&heads[0]);
    let named = namer(&first);
    if first.is_empty()
        || !later
            .iter()
            .any(|s| named(s) && crate::extract::fold(s) == first)
    {
        return false;
    }
    let later: rustc_hash::FxHashSet<String> =
        later.iter().map(|s| crate::extract::fold(s)).collect();
    heads[1..].iter().all(|h| {
        let t = name(h);
        !t.is_empty() && later.contains(&t)
    })
}

/// A contents line's text past the section number it gives its heading (`3.1#1 Spielebogen`
/// under `4.`, `1.Was ist …`): `3.1`, `3.1.`, `1.`, each maybe followed by the item's own
/// `#1`. Text with no such number, or nothing after it, is returned as it is.
fn section_number_off(t: &str) -> &str {
    let b = t.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let from = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > from
    };
    if !digits(&mut i) {
        return t;
    }
    let mut dotted = false;
    while i < b.len() && b[i] == b'.' {
        i += 1;
        dotted = true;
        if !digits(&mut i) {
            break;
        }
    }
    if !dotted {
        return t;
    }
    if i < b.len() && b[i] == b'#' {
        let mut j = i + 1;
        if digits(&mut j) {
            i = j;
        }
    }
    let rest = t[i..].trim_start();
    if rest.is_empty() { t } else { rest }
}

/// [`title_count`] of the document's metadata, read once per document.
pub(crate) fn title_counts(doc: &Blocks) -> &[i64] {
    doc.title_counts.get_or_init(|| title_count(&doc.meta))
}

/// Numbers written in the article's titles ("10 Korean Movies", "Top 7 ..."): a list with
/// that many items is the one the title promises.
pub(crate) fn title_count(meta: &crate::blocks::Meta) -> Vec<i64> {
    let mut out = Vec::new();
    for t in meta.title.iter().chain(meta.alt_titles.iter()) {
        // Full-width digits (`ラーメン５選`) count as the digits they are.
        let t: std::borrow::Cow<str> = if t.contains(|c: char| ('０'..='９').contains(&c)) {
            t.chars()
                .map(|c| match c {
                    '０'..='９' => crate::chars::halfwidth(c).unwrap_or(c),
                    _ => c,
                })
                .collect::<String>()
                .into()
        } else {
            t.as_str().into()
        };
        let t = unquoted(t.as_ref());
        let t = t.as_ref();
        out.extend(standalone_numbers(t));
        out.extend(number_words(t, meta.lang.as_deref()));
        out.extend(counted_in_numerals(t));
    }
    out
}

/// Whole numbers written as words of their own: `10 Things`, `Top 7:`, but not `redis6`,
/// `#130`, `$9`, `1.8`, `50%` or a year.
/// Letters of scripts written without spaces between words (Chinese, Japanese, and Korean
/// counters): a number set among them stands on its own (`京都の散歩道4選`, `10가지`).
fn spaceless(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}' // kana
        | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' // ideographs
        | '\u{ac00}'..='\u{d7af}' // Hangul
    )
}

/// What follows a count in Chinese (or Japanese) numerals in a title: a measure word
/// (`五家茶馆`, `七部电影`, `三つの`), `大` (`十大`, "top ten") or `選` (`五選`).
const MEASURE_WORDS: &str = "大家部个個款种種本首件条條位名道招样樣处處座间間只隻句步组組项項则則篇所支张張台集季选選类類国國城岛島つ";

/// Counts written in Chinese numerals (`五家茶馆`, `十大`), each followed by a measure word
/// ([`MEASURE_WORDS`]) and not after `第` (an ordinal, `第五名`); three or more.
fn counted_in_numerals(t: &str) -> Vec<i64> {
    let mut out = Vec::new();
    if t.is_ascii() {
        return out;
    }
    // A count starts after neither `第` nor another numeral.
    let mut prev = None;
    for (i, c) in t.char_indices() {
        let starts = !prev.is_some_and(|p| p == '第' || marker::CHINESE_NUMERALS.contains(p));
        prev = Some(c);
        if starts
            && let Some((n, len)) = marker::chinese_number(&t[i..])
            && n >= 3
            && t[i + len..].starts_with(|m: char| MEASURE_WORDS.contains(m))
        {
            out.push(n);
        }
    }
    out
}

/// Units of dates, times and ages after a number in those scripts (`10月`, `3日`, `5시`): the
/// number is a date, not a count.
const DATE_UNITS: &str = "年月日時分秒歳才년월일시분초살";

/// A title without what it quotes (`Screenshot : «Vape Wave», «6 Days»…`, `Why “Ocean's 11”
/// still works`): a number in a quoted name counts nothing. Each quoted span becomes a space;
/// a title quoted whole is left as it is.
fn unquoted(t: &str) -> std::borrow::Cow<'_, str> {
    const PAIRS: [(char, char); 6] = [
        ('«', '»'),
        ('“', '”'),
        ('„', '“'),
        ('"', '"'),
        ('「', '」'),
        ('『', '』'),
    ];
    let mut out = std::borrow::Cow::Borrowed(t);
    for (open, close) in PAIRS {
        let mut from = 0;
        while let Some(a) = out[from..].find(open).map(|a| from + a) {
            let inner = a + open.len_utf8();
            let Some(b) = out[inner..].find(close).map(|b| inner + b) else {
                break;
            };
            let end = b + close.len_utf8();
            if out[..a].trim().is_empty() && out[end..].trim().is_empty() {
                break;
            }
            out.to_mut().replace_range(a..end, " ");
            from = a + 1;
        }
    }
    out
}

fn standalone_numbers(t: &str) -> Vec<i64> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        // Digits are ASCII, so `start` and `i` are char boundaries.
        let before = t[..start].chars().next_back();
        let mut rest = t[i..].chars();
        let (after, after2) = (rest.next(), rest.next());
        let glued_before = before
            .is_some_and(|c| (c.is_alphanumeric() && !spaceless(c)) || "#$€£¥.,/".contains(c));
        let glued_after = after.is_some_and(|c| {
            (c.is_alphanumeric() && !spaceless(c)) || c == '%' || DATE_UNITS.contains(c)
        }) || (after.is_some_and(|c| ".,/:".contains(c))
            && after2.is_some_and(|c| c.is_ascii_digit()));
        if !glued_before
            && !glued_after
            && i - start <= 3
            && let Ok(n) = t[start..i].parse()
        {
            out.push(n);
        }
    }
    out
}

/// Number words three to twenty, by language. English is always read; the others only on a
/// page that says it is in that language (`<html lang>`), since some are English words too
/// ("once", "elf").
const NUMBER_WORDS: [(&str, [&str; 18]); 8] = [
    (
        "en",
        [
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ],
    ),
    (
        "de",
        [
            "drei",
            "vier",
            "fünf",
            "sechs",
            "sieben",
            "acht",
            "neun",
            "zehn",
            "elf",
            "zwölf",
            "dreizehn",
            "vierzehn",
            "fünfzehn",
            "sechzehn",
            "siebzehn",
            "achtzehn",
            "neunzehn",
            "zwanzig",
        ],
    ),
    (
        "fr",
        [
            "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
            "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf", "vingt",
        ],
    ),
    (
        "es",
        [
            "tres",
            "cuatro",
            "cinco",
            "seis",
            "siete",
            "ocho",
            "nueve",
            "diez",
            "once",
            "doce",
            "trece",
            "catorce",
            "quince",
            "dieciséis",
            "diecisiete",
            "dieciocho",
            "diecinueve",
            "veinte",
        ],
    ),
    (
        "it",
        [
            "tre",
            "quattro",
            "cinque",
            "sei",
            "sette",
            "otto",
            "nove",
            "dieci",
            "undici",
            "dodici",
            "tredici",
            "quattordici",
            "quindici",
            "sedici",
            "diciassette",
            "diciotto",
            "diciannove",
            "venti",
        ],
    ),
    (
        "pt",
        [
            "três",
            "quatro",
            "cinco",
            "seis",
            "sete",
            "oito",
            "nove",
            "dez",
            "onze",
            "doze",
            "treze",
            "catorze",
            "quinze",
            "dezesseis",
            "dezessete",
            "dezoito",
            "dezenove",
            "vinte",
        ],
    ),
    (
        "nl",
        [
            "drie",
            "vier",
            "vijf",
            "zes",
            "zeven",
            "acht",
            "negen",
            "tien",
            "elf",
            "twaalf",
            "dertien",
            "veertien",
            "vijftien",
            "zestien",
            "zeventien",
            "achttien",
            "negentien",
            "twintig",
        ],
    ),
    (
        "ru",
        [
            "три",
            "четыре",
            "пять",
            "шесть",
            "семь",
            "восемь",
            "девять",
            "десять",
            "одиннадцать",
            "двенадцать",
            "тринадцать",
            "четырнадцать",
            "пятнадцать",
            "шестнадцать",
            "семнадцать",
            "восемнадцать",
            "девятнадцать",
            "двадцать",
        ],
    ),
];

fn number_words(t: &str, lang: Option<&str>) -> Vec<i64> {
    let lang = lang.map(|l| l.get(..2).unwrap_or(l));
    let tables: Vec<&[&str; 18]> = NUMBER_WORDS
        .iter()
        .filter(|(l, _)| *l == "en" || lang.is_some_and(|x| x.eq_ignore_ascii_case(l)))
        .map(|(_, w)| w)
        .collect();
    let find = |w: &str| {
        // Number words are three to twelve letters long.
        if !(3..=12).contains(&w.chars().count()) {
            return None;
        }
        let w = if w.is_ascii() {
            std::borrow::Cow::Borrowed(w)
        } else {
            std::borrow::Cow::Owned(w.to_lowercase())
        };
        tables
            .iter()
            .find_map(|ws| ws.iter().position(|x| x.eq_ignore_ascii_case(&w)))
            .map(|i| i as i64 + 3)
    };
    // A hyphenated word is a number as a whole ("dix-sept") or by its parts ("five-step").
    t.split(|c: char| !c.is_alphanumeric() && c != '-')
        .flat_map(|w| match find(w) {
            Some(n) => vec![n],
            None if w.contains('-') => w.split('-').filter_map(find).collect(),
            None => Vec::new(),
        })
        .collect()
}

/// Lists: `<ul>`/`<ol>` items and plain-text bullet runs. The items are the entries.
fn list_candidates(doc: &Blocks, markers: &[Option<Marker>], out: &mut Vec<Proposal>, why: Why) {
    let blocks = &doc.blocks;
    let mut groups: Vec<(u32, bool, Vec<usize>)> = Vec::new();
    let mut text_run: Vec<usize> = Vec::new();
    // The item of each list whose blocks were seen last.
    let mut last_item: rustc_hash::FxHashMap<u32, u32> = Default::default();
    let flush_text = |run: &mut Vec<usize>, groups: &mut Vec<(u32, bool, Vec<usize>)>| {
        if !run.is_empty() {
            groups.push((u32::MAX, false, std::mem::take(run)));
        }
    };
    for (i, b) in blocks.iter().enumerate().skip(doc.body_start) {
        // A heading that opens a list item (`<li><h3>Name</h3><p>…`) is that item's head.
        let item_heading = matches!(b.kind, Kind::Heading(_)) && b.list.is_some();
        if b.kind != Kind::ListItem && !item_heading {
            // A bullet run in text ends at the first line that is not a bullet.
            flush_text(&mut text_run, &mut groups);
            continue;
        }
        // …and at an item of a marked-up list, so that the groups stay in document order.
        if b.list.is_some() {
            flush_text(&mut text_run, &mut groups);
        }
        // The blocks of one item (`<li><p><b>Name</b></p><p>…</p></li>`): the first is its
        // head (here, or a numbered line that numbered lists take), the rest are its text.
        if let Some(l) = b.list
            && last_item.insert(l.id, l.item) == Some(l.item)
        {
            continue;
        }
        if markers[i].is_some() {
            continue;
        }
        match b.list {
            Some(l) if l.depth == 0 => match groups.iter_mut().find(|g| g.0 == l.id) {
                Some(g) => g.2.push(i),
                None => groups.push((l.id, l.ordered, vec![i])),
            },
            Some(_) => {}
            None => text_run.push(i),
        }
    }
    flush_text(&mut text_run, &mut groups);
    sectioned_lists(doc, &groups, out, why);
    for (_, ordered, items) in groups {
        let n = items.len();
        let heads: Vec<Head> = items
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                Head::whole(
                    i,
                    if ordered {
                        Some(blocks[i].list.and_then(|l| l.value).unwrap_or(k as i64 + 1))
                    } else {
                        None
                    },
                    true,
                )
            })
            .collect();
        let weight = mean_weight(blocks, &items);
        let avg_len = items.iter().map(|&i| blocks[i].text.len()).sum::<usize>() / n.max(1);
        let leads = items
            .iter()
            .filter(|&&i| blocks[i].lead.is_some() || linked_name(&blocks[i]))
            .count();
        let mut score = n as f32 * if avg_len < 25 { 0.75 } else { 1.5 };
        let mut why = why.list();
        why.add(|| {
            format!(
                "{n} {} list items",
                if ordered { "ordered" } else { "bulleted" }
            )
        });
        if leads * 2 >= n {
            score += 2.0;
            why.add(|| "items open with a bold or linked name".into());
        }
        let linky = items.iter().filter(|&&i| mostly_links(&blocks[i])).count();
        let counted = title_counts(doc).contains(&(n as i64));
        let mut rejected = None;
        if linky * 10 >= n * 8 {
            rejected = Some("items are links only (navigation or related posts)".to_string());
        } else if avg_len < 3 {
            rejected = Some("items are empty".to_string());
        } else if !counted {
            // A bulleted list inside an ordinary article is not the article's list. Without a
            // count in the title, it takes named items or a long run in the article body.
            let in_article = weight >= 0.9;
            // `Founded: 1821`, `Mayor: Karin Holt`: a box of facts, labels over short values.
            let facts = items
                .iter()
                .filter(|&&i| {
                    let b = &blocks[i];
                    b.lead.as_deref().is_some_and(|l| l.ends_with(':'))
                        && after_lead(b).is_some_and(|v| v.split_whitespace().count() <= 3)
                })
                .count();
            let named = leads * 5 >= n * 4 && n >= 4 && facts * 2 < n;
            let long = n >= 10 && avg_len >= 15;
            if facts * 2 >= n {
                rejected = Some(format!(
                    "the title promises no list of {n}, and the items are labels over short \
                     values (a box of facts)"
                ));
            } else if !(in_article && (named || long)) {
                rejected = Some(format!(
                    "the title promises no list of {n}, and the items are not {}",
                    if in_article {
                        "named in bold, nor ten or more"
                    } else {
                        "in the article body"
                    }
                ));
            }
        }
        if counted {
            score += 4.0;
            why.add(|| "count matches the title".into());
        }
        score *= weight.max(0.05);
        let kind = if ordered { ORDERED_LIST } else { BULLET_LIST };
        out.push(Proposal {
            score,
            why: why.join(),
            rejected,
            ..Proposal::new(kind, heads)
        });
    }
}

/// A list item that opens with a link that names it (five words at most: a headline in a list
/// of sources names no item), then a spaced dash or a colon and three words or more of what
/// it is (`<a>Scrivener</a> – organises long projects…`): named as by a bold name.
fn linked_name(b: &Block) -> bool {
    let Some(name) = b.links.first().map(|l| l.text.trim()) else {
        return false;
    };
    let Some(rest) = b.text.trim_start().strip_prefix(name) else {
        return false;
    };
    (1..=5).contains(&name.split_whitespace().count())
        && rest
            .trim_start()
            .strip_prefix(['–', '—', '-', ':'])
            .is_some_and(|r| r.starts_with(' ') && r.split_whitespace().nth(2).is_some())
}

/// Is most (four fifths or more) of a block's text the text of its links?
pub(crate) fn mostly_links(b: &Block) -> bool {
    let linked: usize = b.links.iter().map(|l| l.text.len()).sum();
    !b.text.is_empty() && linked * 10 >= b.text.len() * 8
}

/// A sentence of the writer's that ends in a link ("You can <a>read our full review of
/// it</a>."): it opens with words of its own and ends a sentence, unlike a teaser's headline
/// or "SEE FULL GALLERY".
pub(crate) fn linked_sentence(b: &Block) -> bool {
    let t = b.text.trim();
    t.ends_with(['.', '!', '?'])
        && b.links
            .first()
            .is_some_and(|l| !l.text.trim().is_empty() && !t.starts_with(l.text.trim()))
}

/// The text after a block's bold lead (`Founded: 1821` gives `1821`), when it has one.
fn after_lead(b: &Block) -> Option<&str> {
    let l = b.lead.as_deref()?;
    b.text.strip_prefix(l).map(str::trim_start)
}

/// Paragraphs that open with a bold name and go on in plain text (`**Leave early.** The
/// margin changes everything…`), between two headings, as many as the title promises: the
/// names are the items, the rest of each paragraph and the paragraphs up to the next name
/// their text. Numbered ones are read as numbered heads; labels over short values are a box
/// of facts.
fn lead_in_candidates(doc: &Blocks, markers: &[Option<Marker>], out: &mut Vec<Proposal>, why: Why) {
    let blocks = &doc.blocks;
    let counts = title_counts(doc);
    if counts.is_empty() {
        return;
    }
    let lead_in = |b: &Block, i: usize| {
        b.kind == Kind::Paragraph
            && b.list.is_none()
            && b.bullet.is_none()
            && b.lead.as_deref().is_some_and(|l| l.chars().count() <= 100)
            && after_lead(b).is_some_and(|v| v.split_whitespace().count() > 3)
            && markers[i].is_none()
    };
    let mut groups: Vec<Vec<usize>> = vec![Vec::new()];
    for (i, b) in blocks.iter().enumerate().skip(doc.body_start) {
        if matches!(b.kind, Kind::Heading(_)) {
            groups.push(Vec::new());
        } else if lead_in(b, i) {
            groups.last_mut().expect("a group").push(i);
        }
    }
    for items in groups {
        let n = items.len();
        if n < MIN_ITEMS || !counts.contains(&(n as i64)) {
            continue;
        }
        let weight = mean_weight(blocks, &items);
        out.push(Proposal {
            score: (n as f32 * 1.5 + 6.0) * weight.max(0.05),
            why: why
                .say(|| format!("{n} paragraphs open with a bold name, count matches the title")),
            ..Proposal::new(
                "lead-in paragraphs",
                items.iter().map(|&i| Head::whole(i, None, true)).collect(),
            )
        });
    }
}

/// "10 Ways to Save on Groceries" as three tips under "In the shop", two under "At home" and
/// so on: the lists of the article body, each under a heading of its own in consecutive
/// sections and with two items or more, that together hold as many items as the title
/// promises are one list.
fn sectioned_lists(
    doc: &Blocks,
    groups: &[(u32, bool, Vec<usize>)],
    out: &mut Vec<Proposal>,
    why: Why,
) {
    let blocks = &doc.blocks;
    let counts = title_counts(doc);
    let content: Vec<&(u32, bool, Vec<usize>)> = groups
        .iter()
        .filter(|g| {
            mean_weight(blocks, &g.2) >= 0.9 && !g.2.iter().all(|&i| mostly_links(&blocks[i]))
        })
        .collect();
    let total: usize = content.iter().map(|g| g.2.len()).sum();
    if content.len() < 2
        || !counts.contains(&(total as i64))
        || content.iter().any(|g| g.2.len() < 2 || g.1 != content[0].1)
    {
        return;
    }
    // Each list under a heading of its own, in consecutive sections: exactly one heading
    // stands between every two lists (not a "Key takeaways" list and a "Sources" list with
    // the article's own sections between them).
    let under_headings = content.windows(2).all(|w| {
        let (a, b) = (*w[0].2.last().expect("a list has items"), w[1].2[0]);
        // Lists that interleave (a stray `<li>` between the items of a list) are not
        // consecutive sections.
        b > a
            && blocks[a + 1..b]
                .iter()
                .filter(|x| matches!(x.kind, Kind::Heading(_)) && x.list.is_none())
                .count()
                == 1
    });
    if !under_headings {
        return;
    }
    let ordered = content[0].1;
    let heads: Vec<Head> = content
        .iter()
        .flat_map(|g| {
            g.2.iter().enumerate().map(move |(k, &i)| {
                let rank =
                    ordered.then(|| blocks[i].list.and_then(|l| l.value).unwrap_or(k as i64 + 1));
                Head::whole(i, rank, true)
            })
        })
        .collect();
    let items: Vec<usize> = heads.iter().map(|h| h.block).collect();
    let score = (total as f32 * 1.5 + 4.0) * mean_weight(blocks, &items);
    out.push(Proposal {
        score,
        why: why.say(|| {
            format!(
                "{total} items in {} lists under their own headings, count matches the title",
                content.len()
            )
        }),
        ..Proposal::new("sectioned lists", heads)
    });
}

/// Heading sections: headings of one level, or plain-text heading lines.
fn heading_candidates(
    doc: &Blocks,
    markers: &[Option<Marker>],
    out: &mut Vec<Proposal>,
    reps: &Repeats,
    why: Why,
) {
    let blocks = &doc.blocks;
    // Blocks' text folded for comparison, each made once and only when a test reads it.
    let folded = Folded::new(blocks);
    // The heading levels the document has: a level it lacks makes no group.
    let mut present = [false; 7];
    for b in &blocks[doc.body_start.min(blocks.len())..] {
        if let Kind::Heading(n) = b.kind {
            present[usize::from(n.min(6))] = true;
        }
    }
    // Level 7 stands for plain-text heading lines, level 8 for paragraphs that are all bold
    // (`<p><strong>Name</strong></p>`, `**Name**`) followed by text. Level 9 is level 7 read
    // loosely (heading lines over a short sentence each): only when nothing else makes a
    // list, and only a group of as many as the title promises.
    let promised: Vec<i64> = title_counts(doc)
        .iter()
        .copied()
        .filter(|&c| c >= MIN_ITEMS as i64)
        .collect();
    for level in 1..=9u8 {
        if level <= 6 && !present[usize::from(level)] {
            continue;
        }
        if level == 9
            && (promised.is_empty()
                || out
                    .iter()
                    .any(|p| p.rejected.is_none() && p.heads.len() >= MIN_ITEMS))
        {
            continue;
        }
        let mut group: Vec<usize> = Vec::new();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (i, b) in blocks.iter().enumerate().skip(doc.body_start) {
            if crate::budget::over() {
                break;
            }
            let this = match b.kind {
                // A heading of just a number (`<h2>01</h2>` over `<h3>Name</h3>`) is the next
                // heading's rank, not a name.
                Kind::Heading(_) if bare_number(&b.text).is_some() => None,
                Kind::Heading(n) => Some(n),
                Kind::Paragraph if level == 7 && is_text_heading_line(blocks, i, reps) => Some(7),
                Kind::Paragraph if level == 9 && heading_line(blocks, i, reps, true) => Some(9),
                Kind::ListItem if level == 7 && is_bullet_heading_line(blocks, i, reps) => Some(7),
                Kind::Paragraph if level == 8 && is_lead_heading(blocks, i) => Some(8),
                _ => None,
            };
            match this {
                Some(n) if n == level && markers[i].is_none() => {
                    group.push(i);
                }
                Some(n) if n < level && !group.is_empty() => {
                    groups.push(std::mem::take(&mut group));
                }
                _ => {}
            }
        }
        if !group.is_empty() {
            groups.push(group);
        }
        // Items grouped under section headings (`## For beginners`, then `### items`) are one
        // list across the sections, as well as one list per section.
        if groups.len() >= 2 {
            let all: Vec<usize> = groups.iter().flatten().copied().collect();
            groups.push(all);
        }
        for mut g in groups {
            // Headings of the same level outside the article (video teasers, related posts)
            // are not part of a list inside it.
            let top = g.iter().map(|&i| blocks[i].weight).fold(0.0f32, f32::max);
            g.retain(|&i| blocks[i].weight >= top * 0.5);
            if g.len() < 2 {
                continue;
            }
            let kind = match level {
                7 | 9 => "heading lines",
                8 => "bold lead-ins",
                _ => "heading sections",
            };
            let mut p = Proposal::new(
                kind,
                g.iter().map(|&i| Head::whole(i, None, false)).collect(),
            );
            // The loose heading lines are scored as heading lines.
            let scored_as = if level == 9 { 7 } else { level };
            score_sections(doc, scored_as, &mut p, &folded, why);
            if level == 9 && !promised.contains(&(p.heads.len() as i64)) {
                continue;
            }
            // Numbered by the sections that are left, once intros and outros are dropped.
            let g: Vec<usize> = p.heads.iter().map(|h| h.block).collect();
            let ranks = list_ranks(blocks, &g)
                .or_else(|| lead_ranks(blocks, &g))
                .or_else(|| ranks_below(blocks, &g))
                .or_else(|| {
                    let spaced = spaced_ranks(blocks, &g)?;
                    for (h, &(_, rest)) in p.heads.iter_mut().zip(&spaced) {
                        h.rest = rest;
                    }
                    Some(spaced.into_iter().map(|(r, _)| r).collect())
                })
                .or_else(|| unnumbered_edges(blocks, &mut p, why));
            if let Some(ranks) = ranks {
                for (h, r) in p.heads.iter_mut().zip(ranks) {
                    h.rank = Some(r);
                }
            }
            out.push(p);
        }
    }
}

/// Headings that each open an item of one ordered list (`<ol><li><h3>Name</h3>…`) are
/// numbered by it: their places in the list, when every heading has its own.
fn list_ranks(blocks: &[Block], heads: &[usize]) -> Option<Vec<i64>> {
    let first = blocks[*heads.first()?].list?;
    let mut ranks = Vec::with_capacity(heads.len());
    let mut seen = rustc_hash::FxHashSet::default();
    for &i in heads {
        let l = blocks[i].list?;
        if !l.ordered || l.id != first.id || !seen.insert(l.value?) {
            return None;
        }
        ranks.push(l.value?);
    }
    Some(ranks)
}

/// Headings that each come right after a block of nothing but a number (`<div>01</div>
/// <h3>Name</h3>`, `<h2>01</h2><h3>Name</h3>`, `#1`, `No. 1`) are numbered by them, when the
/// numbers count up or down by one (past 999 too, from below it).
fn lead_ranks(blocks: &[Block], heads: &[usize]) -> Option<Vec<i64>> {
    let ranks: Vec<i64> = (0..heads.len())
        .map(|k| number_above(blocks, heads, k))
        .collect::<Option<_>>()?;
    // Counting by one: scores in badges (`92`, `90`, `87`) are not ranks. Numbers of four
    // digits and more count only with the 999 before them: years alone are not ranks.
    by_one(ranks).filter(|r| r.iter().any(|&n| n <= 999))
}

/// The number alone in the block right above head `k` of `heads` (up to six digits, [`bare_long_number`]),
/// when that block is not the previous head's.
fn number_above(blocks: &[Block], heads: &[usize], k: usize) -> Option<i64> {
    let j = heads[k]
        .checked_sub(1)
        .filter(|&j| k == 0 || j > heads[k - 1])?;
    bare_long_number(&blocks[j].text)
}

/// Sections numbered by a number of their own above each heading ([`lead_ranks`]) but for
/// the first or last one, or both: those are the article's intro or outro ("Five more quiet
/// villages", then `1.` over each village's name), and go. The ranks of the rest.
fn unnumbered_edges(blocks: &[Block], p: &mut Proposal, why: Why) -> Option<Vec<i64>> {
    let g: Vec<usize> = p.heads.iter().map(|h| h.block).collect();
    let numbered = |k: usize| number_above(blocks, &g, k).is_some();
    let n = g.len();
    let lo = usize::from(!numbered(0));
    let hi = n - usize::from(n > 1 && !numbered(n - 1));
    if (lo, hi) == (0, n) || hi < lo + MIN_ITEMS {
        return None;
    }
    let ranks = lead_ranks(blocks, &g[lo..hi])?;
    p.heads.truncate(hi);
    p.heads.drain(..lo);
    let mut reasons = why.list();
    reasons.add(|| p.why.clone());
    if lo > 0 {
        reasons.add(|| "dropped intro (no number above it, as above every other)".into());
    }
    if hi < n {
        reasons.add(|| "dropped outro (no number above it, as above every other)".into());
    }
    p.why = reasons.join();
    Some(ranks)
}

/// Headings that each start with a number and a space, then a word (`1 Walk the Ribeira`,
/// from `<h2><span>1</span> Walk…</h2>`), are numbered by them when the numbers count up or
/// down by one: the ranks, and where each name starts. One such heading alone is a name
/// (`3 Idiots`), and so is a number that counts nothing in a row.
fn spaced_ranks(blocks: &[Block], heads: &[usize]) -> Option<Vec<(i64, usize)>> {
    if heads.len() < MIN_ITEMS {
        return None;
    }
    let lead = |t: &str| -> Option<(i64, usize)> {
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        let rest = t.len() - t[digits..].trim_start_matches([' ', '\u{a0}']).len();
        let next = t[rest..].chars().next()?;
        let word = next.is_alphabetic() || "\"'“‘¿¡".contains(next);
        if !(1..=3).contains(&digits) || rest == digits || !word {
            return None;
        }
        Some((t[..digits].parse().ok()?, rest))
    };
    let spaced: Vec<(i64, usize)> = heads
        .iter()
        .map(|&i| lead(&blocks[i].text))
        .collect::<Option<_>>()?;
    by_one(spaced.iter().map(|&(r, _)| r).collect())?;
    Some(spaced)
}

/// The ranks, when they count up or down by one.
fn by_one(ranks: Vec<i64>) -> Option<Vec<i64>> {
    let up = ranks.windows(2).all(|w| w[1] == w[0] + 1);
    let down = ranks.windows(2).all(|w| w[1] == w[0] - 1);
    (up || down).then_some(ranks)
}

/// The slideshow counter (`3 of 10`) or the number alone (`#3`, `3`: [`bare_number`]) in the
/// block right after each heading, counting up or down by one.
fn ranks_below(blocks: &[Block], heads: &[usize]) -> Option<Vec<i64>> {
    let mut ranks = Vec::with_capacity(heads.len());
    for &i in heads {
        ranks.push(bare_number(&blocks.get(i + 1)?.text)?);
    }
    by_one(ranks)
}

/// The number of a block that holds nothing else: `7`, `07`, `7.`, `#7`, `No. 7`, `Nº 7`, or
/// a slideshow's counter (`7 of 10`, [`counter`]).
pub(crate) fn bare_number(t: &str) -> Option<i64> {
    bare_number_upto(t, 3)
}

/// [`bare_number`] of four to six digits too (`1000`, `#1001`): a year most often, and a rank
/// only in a list that counts past 999.
fn bare_long_number(t: &str) -> Option<i64> {
    bare_number_upto(t, 6)
}

/// [`bare_number`] with up to `most` digits.
fn bare_number_upto(t: &str, most: usize) -> Option<i64> {
    // Both shapes end in a digit (`3`, `3 of 10`, `3.`): most texts asked about, paragraphs
    // among them, do not, and are told apart by their last two bytes alone.
    let end = t.trim_end().as_bytes();
    let end = end.strip_suffix(b".").unwrap_or(end);
    if !end.last().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let t = t.trim();
    if let Some(n) = counter(t) {
        return Some(n);
    }
    let t = t
        .strip_prefix('#')
        .or_else(|| t.strip_prefix("No.").or_else(|| t.strip_prefix("Nº")))
        .map_or(t, str::trim_start);
    let t = t.strip_suffix('.').unwrap_or(t);
    if (1..=most).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()) {
        t.parse().ok()
    } else {
        None
    }
}

/// A slideshow's counter and nothing else: `3 of 10`, `3/10`, `3 / 10`, `Slide 3 of 10`,
/// `3 von 10` ([`marker::counter_at`]).
fn counter(t: &str) -> Option<i64> {
    let t = t.trim();
    let (n, _, end, _) = marker::counter_at(t)?;
    (end == t.len()).then_some(n)
}

/// A paragraph that is all bold, short, not a label and not a sentence, followed by text.
pub(crate) fn is_lead_heading(blocks: &[Block], i: usize) -> bool {
    let b = &blocks[i];
    let t = b.text.as_str();
    if b.lead.as_deref() != Some(t) || t.chars().count() > 100 || t.ends_with(['.', ':', ',', ';'])
    {
        return false;
    }
    // Text follows: right below, or below the item's labelled lines (`Price: $549`).
    blocks[i + 1..]
        .iter()
        .find(|n| crate::extract::label_line(&n.text).is_none())
        .is_some_and(|n| n.lead.as_deref() != Some(n.text.as_str()) && n.text.chars().count() >= 20)
}

/// A plain-text line that stands as a heading: short, not a sentence, with a blank line
/// before it (or before a line of just its number, `01`, right above it; `1000` only on a
/// page with a `999` line), and followed by a longer paragraph.
fn is_text_heading_line(blocks: &[Block], i: usize, reps: &Repeats) -> bool {
    heading_line(blocks, i, reps, false)
}

/// [`is_text_heading_line`], or with `loose`, a heading line right over a line of text
/// longer than it (20 bytes at least, no blank line between them, a blank line above the
/// heading): the looser reading that a list the title promises may be read with
/// (`PRAIA DA URSA` over a sentence), when nothing else is. Text with no blank lines (a
/// page's text a block a line) never has that shape, so its lines are not read loosely.
fn heading_line(blocks: &[Block], i: usize, reps: &Repeats, loose: bool) -> bool {
    let b = &blocks[i];
    if b.list.is_some() || b.bullet.is_some() || b.container != 0 {
        return false;
    }
    let number = |j: usize| {
        bare_long_number(&blocks[j].text).is_some_and(|n| n <= 999 || reps.counts_past_999())
    };
    // Not the last of a column of numbers (`1.`, `2.`, `3.` of an empty form).
    let numbered_above =
        || i > 0 && blocks[i - 1].blank_before && number(i - 1) && !(i > 1 && number(i - 2));
    if !(b.blank_before || numbered_above()) {
        return false;
    }
    let t = b.text.as_str();
    if !heading_shaped(t) {
        return false;
    }
    let labelled = |j: usize| labelled_as_others(&blocks[j], reps);
    // Text follows, longer than the line: right below it, or below lines that the page
    // repeats under every item (`Share this!`), or the item's labelled lines. Under a number
    // of its own the line is set apart already, and a sentence will do, as under a bullet.
    let text_below = |n: &Block| {
        let len = n.text.len();
        (len > t.len() * 2 && len > 120)
            || (len > t.len() && len >= 40 && numbered_above())
            || (loose && len > t.len() && len >= 20 && n.kind == Kind::Paragraph && !n.blank_before)
    };
    match blocks.get(i + 1) {
        Some(n) if text_below(n) => {}
        Some(_) if reps.furniture(i + 1) || labelled(i + 1) => {
            if !(i + 2..blocks.len())
                .find(|&j| !(reps.furniture(j) || labelled(j) && !text_below(&blocks[j])))
                .is_some_and(|j| text_below(&blocks[j]))
            {
                return false;
            }
        }
        _ => return false,
    }
    titled(t, i, reps) && !labelled(i)
}

/// A line labelled as others of the page are (`Price: $549` under every name, `- See it
/// now: Apple` under every product): a field of an item, not its heading.
fn labelled_as_others(b: &Block, reps: &Repeats) -> bool {
    crate::extract::label_line(&b.text).is_some_and(|(l, _)| reps.label_recurs(l))
}

/// The tests of a heading line's text alone, before any look-up of what the page repeats:
/// not long (90 characters at most) and not the end of a sentence or clause (the cheapest
/// tests, which most lines fail), starting with a capital, a digit or a quote.
pub(crate) fn heading_shaped(t: &str) -> bool {
    if t.len() > 360 || t.ends_with(['.', ',', ';', ':', '…']) {
        return false;
    }
    t.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || "\"“'‘".contains(c))
        && !(t.len() > 90 && t.chars().count() > 90)
}

/// The last tests of heading line `i` with text `t`, once text is known to follow it: one to
/// fourteen words, not a number alone (a count of likes over the intro is no title, as in a
/// heading), and not a line the page repeats.
fn titled(t: &str, i: usize, reps: &Repeats) -> bool {
    let words = t.split_whitespace().count();
    (1..=14).contains(&words) && bare_number(t).is_none() && !reps.furniture(i)
}

/// A bullet line set apart as a heading (`👉 They walk daily`, its text on the line below):
/// the bullet dresses a heading line, as a number would. Not a line of a run of bullets, and
/// not one whose next line goes on with it (indented, or in lower case); the text below need
/// only be longer than the line and a sentence long (40 bytes), as the bullet already sets
/// the line apart.
fn is_bullet_heading_line(blocks: &[Block], i: usize, reps: &Repeats) -> bool {
    let b = &blocks[i];
    if b.bullet.is_none() || b.list.is_some() || b.container != 0 || !b.blank_before {
        return false;
    }
    if i > 0 && blocks[i - 1].bullet.is_some() {
        return false;
    }
    let t = b.text.as_str();
    if !heading_shaped(t) {
        return false;
    }
    let Some(n) = blocks.get(i + 1) else {
        return false;
    };
    if n.bullet.is_some()
        || n.kind != Kind::Paragraph
        || n.indent > 0
        || n.text.len() <= t.len()
        || n.text.len() < 40
        || n.text.starts_with(char::is_lowercase)
    {
        return false;
    }
    titled(t, i, reps) && !labelled_as_others(b, reps)
}

/// Does `fold(raw)` contain `title` (already folded)? [`folded_holds`], folding all of `raw`
/// only when it must.
pub(crate) fn names(raw: &str, title: &str) -> bool {
    namer(title)(raw)
}

/// [`names`] for one `title` (folded) asked of many texts: its longest word is found once.
pub(crate) fn namer(title: &str) -> impl Fn(&str) -> bool + '_ {
    let word = longest_word(title);
    move |raw| {
        let mut whole = None;
        let whole = &mut whole;
        folded_holds(raw, title, word, move || {
            whole.insert(crate::extract::fold(raw)).as_str()
        })
    }
}

/// The longest word of a folded title (the last of the longest): the one [`folded_holds`]
/// looks for first.
fn longest_word(title: &str) -> &str {
    let b = title.as_bytes();
    let (mut best, mut start) = ((0, 0), 0);
    for end in memchr::memchr_iter(b' ', b).chain(std::iter::once(b.len())) {
        if end - start >= best.1 - best.0 {
            best = (start, end);
        }
        start = end + 1;
    }
    &title[best.0..best.1]
}

/// Which letter of `word` (ASCII letters and digits, folded) is least common in text: the one
/// to look for first. Digits are rarer than any letter; letters go by their frequency in
/// English, the first of equals.
fn rarest_letter(word: &[u8]) -> usize {
    // How rare each byte is: 27 for a digit, down to 1 for `e`.
    const RARITY: [u8; 128] = {
        // Letters from most to least common.
        const BY_FREQUENCY: &[u8; 26] = b"etaoinshrdlcumwfgypbvkjxqz";
        let mut t = [0u8; 128];
        let mut k = 0;
        while k < 26 {
            t[BY_FREQUENCY[k] as usize] = k as u8 + 1;
            k += 1;
        }
        let mut d = b'0';
        while d <= b'9' {
            t[d as usize] = 27;
            d += 1;
        }
        t
    };
    let rarity = |c: u8| RARITY[usize::from(c & 0x7f)];
    let mut best = 0;
    for (i, &c) in word.iter().enumerate() {
        if rarity(c) > rarity(word[best]) {
            best = i;
        }
    }
    best
}

/// Does `fold(raw)` contain `title` (folded)? `word` is its [`longest_word`]. Answered without folding all of `raw` where it
/// can be: when the title's longest word is ASCII and `raw` has no character that lowercases
/// to ASCII from outside it (KELVIN SIGN, I WITH DOT ABOVE), the fold holds that word only
/// where `raw` holds it case-insensitively with at most apostrophes inside (folding drops
/// them), so a match of the title lies around one of those places. Each place is looked at
/// through a window's fold (a substring of the whole fold). A window with more ASCII letters
/// and digits on each side of the word than the title is long (each folds to one byte), or
/// that reaches the end of `raw`, holds every match around its place. Only when some window
/// is short of that (long runs of punctuation or other scripts), or in the other cases above,
/// is `whole` asked for the whole fold, so the answer is always exact. It is also asked once
/// the windows would add up to more bytes than `raw` (the word is met again and again).
fn folded_holds<'a>(raw: &str, title: &str, word: &str, whole: impl FnOnce() -> &'a str) -> bool {
    let r = raw.as_bytes();
    let unsure = word.is_empty()
        || !word.is_ascii()
        || memchr::memchr2_iter(0xe2, 0xc4, r).any(|i| match r[i] {
            0xe2 => r.get(i + 1..i + 3) == Some(&[0x84, 0xaa]),
            _ => r.get(i + 1) == Some(&0xb0),
        });
    if unsure {
        return whole().contains(title);
    }
    let w = word.as_bytes();
    // Where `w` would start, given its `m`th letter at `p`: back over its earlier letters,
    // skipping apostrophes between them as `matched` does going forward.
    let m = rarest_letter(w);
    let start = |p: usize| -> Option<usize> {
        let mut i = p;
        for &c in w[..m].iter().rev() {
            loop {
                if i >= 1 && r[i - 1] == b'\'' {
                    i -= 1;
                } else if i >= 3 && &r[i - 3..i] == "’".as_bytes() {
                    i -= 3;
                } else {
                    break;
                }
            }
            if i == 0 || !r[i - 1].eq_ignore_ascii_case(&c) {
                return None;
            }
            i -= 1;
        }
        Some(i)
    };
    // The end of `w` matched at `at`, skipping apostrophes (`'`, `’`) between its letters.
    let matched = |at: usize| -> Option<usize> {
        let mut i = at;
        for (n, &c) in w.iter().enumerate() {
            if n > 0 {
                loop {
                    if r.get(i) == Some(&b'\'') {
                        i += 1;
                    } else if r.get(i..i + 3) == Some("’".as_bytes()) {
                        i += 3;
                    } else {
                        break;
                    }
                }
            }
            if !r.get(i)?.eq_ignore_ascii_case(&c) {
                return None;
            }
            i += 1;
        }
        Some(i)
    };
    let reach = 4 * title.len() + 32;
    let alnum = |s: &[u8]| s.iter().filter(|c| c.is_ascii_alphanumeric()).count();
    let mut short = false;
    // Bytes folded in windows so far: once they would pass the text's own length (a common
    // word met again and again), one fold of the whole costs less.
    let mut spent = 0;
    // Every match has its rarest letter somewhere, and the places of that letter give the
    // matches in order, each once (a letter is never an apostrophe, so going back from it is
    // as exact as going forward): fewer places to try than those of the word's first letter.
    let c = w[m];
    for p in memchr::memchr2_iter(c, c.to_ascii_uppercase(), r) {
        let Some(at) = start(p) else { continue };
        let Some(end) = matched(at) else { continue };
        let mut a = at.saturating_sub(reach);
        while !raw.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = (end + reach).min(raw.len());
        while !raw.is_char_boundary(b) {
            b += 1;
        }
        spent += b - a;
        if spent > r.len() {
            return whole().contains(title);
        }
        if crate::extract::fold(&raw[a..b]).contains(title) {
            return true;
        }
        short |= (a > 0 && alnum(&r[a..at]) <= title.len())
            || (b < r.len() && alnum(&r[end..b]) <= title.len());
    }
    short && whole().contains(title)
}

/// Blocks' text folded for comparison ([`crate::extract::fold`]), made lazily and kept.
struct Folded<'a> {
    blocks: &'a [Block],
    cells: Vec<std::cell::OnceCell<String>>,
}

impl<'a> Folded<'a> {
    fn new(blocks: &'a [Block]) -> Self {
        Folded {
            blocks,
            cells: vec![std::cell::OnceCell::new(); blocks.len()],
        }
    }

    fn get(&self, i: usize) -> &str {
        self.cells[i].get_or_init(|| crate::extract::fold(&self.blocks[i].text))
    }
}

fn score_sections(doc: &Blocks, level: u8, p: &mut Proposal, folded: &Folded, why: Why) {
    let blocks = &doc.blocks;
    let mut why = why.list();
    let colon = |i: usize| has_tagline(&blocks[i].text);
    let echoed = |ends: &[usize], k: usize, i: usize, title: &str| {
        title.len() >= 3
            && (i + 1..ends[k]).any({
                let word = longest_word(title);
                move |j| folded_holds(&blocks[j].text, title, word, || folded.get(j))
            })
    };
    // Trim intro and outro sections that do not share the shape of the others. A section's
    // end stays where the next heading was, even once that heading is dropped.
    let mut all_ends = section_ends(doc, p);
    // In a page, the headings of one list are siblings: a heading in another container (a
    // "Related" box between items) is not one of them.
    if blocks[p.heads[0].block].container != 0 {
        let mut modal: Vec<(u32, usize)> = Vec::new();
        for h in &p.heads {
            let c = blocks[h.block].container;
            match modal.iter_mut().find(|m| m.0 == c) {
                Some(m) => m.1 += 1,
                None => modal.push((c, 1)),
            }
        }
        if let Some(&(c, k)) = modal.iter().max_by_key(|m| m.1)
            && k * 5 >= p.heads.len() * 3
            && k < p.heads.len()
        {
            let keep: Vec<bool> = p
                .heads
                .iter()
                .map(|h| blocks[h.block].container == c)
                .collect();
            let mut it = keep.iter();
            p.heads.retain(|_| *it.next().unwrap());
            let mut it = keep.iter();
            all_ends.retain(|_| *it.next().unwrap());
            why.add(|| {
                format!(
                    "dropped {} headings outside the list's container",
                    keep.len() - k
                )
            });
        }
    }
    // Intros and outros are a section or two at either end. Whether a section names its own
    // title does not change as edges are dropped (its end stays), so it is read at most once,
    // and only when asked (an edge that names its own title needs no count of the others), as
    // are the titles, folded.
    let mut echo: Vec<std::cell::OnceCell<bool>> = Vec::new();
    let mut titles: Vec<Title> = Vec::new();
    // What each section has that items share ([`traits`]), read when first asked.
    let mut labels: Vec<std::cell::OnceCell<Vec<Trait>>> = Vec::new();
    let promised = title_counts(doc);
    for round in 0..4 {
        let n = p.heads.len();
        if n < MIN_ITEMS + 1 {
            break;
        }
        let heads: Vec<usize> = p.heads.iter().map(|h| h.block).collect();
        let ends = all_ends.clone();
        if round == 0 {
            titles = heads
                .iter()
                .map(|&i| Title::new(crate::extract::fold(tagline_title(&blocks[i].text))))
                .collect();
            echo = vec![std::cell::OnceCell::new(); n];
            labels = vec![std::cell::OnceCell::new(); n];
        }
        let labels_of = |k: usize| -> &Vec<Trait> {
            labels[k].get_or_init(|| traits(&blocks[heads[k] + 1..ends[k]]))
        };
        // Items are alike: when most other sections have a labelled line of one label
        // (`Price: …`) or one call to action (`Buy at Amazon`), and section `k` has nothing
        // that any other section has, `k` is an intro or outro ("Why trust us", "FAQ"). Not
        // when the title promises as many as there are. Read until the answer is known: a
        // trait that `k` shares with any other section settles it, and so do as many sections
        // with no trait at all as half the others (no trait can then be in more than half).
        let unlabelled = |k: usize| {
            if promised.contains(&(n as i64)) {
                return false;
            }
            let others = n - 1;
            let mine = labels_of(k);
            let mut counts: Vec<(Trait, usize)> = Vec::new();
            let mut bare = 0;
            for j in (0..n).filter(|&j| j != k) {
                let theirs = labels_of(j);
                if theirs.iter().any(|l| mine.contains(l)) {
                    return false;
                }
                if theirs.is_empty() {
                    bare += 1;
                    if bare * 2 >= others {
                        return false;
                    }
                }
                for &l in theirs {
                    match counts.iter_mut().find(|c| c.0 == l) {
                        Some(c) => c.1 += 1,
                        None => counts.push((l, 1)),
                    }
                }
            }
            counts.iter().any(|c| c.1 * 2 > others)
        };
        let colons = heads.iter().filter(|&&i| colon(i)).count();
        let echo_of =
            |k: usize| *echo[k].get_or_init(|| echoed(&ends, k, heads[k], &titles[k].folded));
        // Do at least three in four of the sections other than `k` name their own titles?
        // Counted until the answer is known.
        let others_echo = |k: usize| {
            let need = (3 * (n - 1)).div_ceil(4);
            let (mut yes, mut left) = (0, n - 1);
            for j in (0..n).filter(|&j| j != k) {
                if yes >= need || yes + left < need {
                    break;
                }
                yes += usize::from(echo_of(j));
                left -= 1;
            }
            yes >= need
        };
        // Headings of a lower level than the list's between two of its heads.
        let subheads = |a: usize, b: usize| {
            blocks[a + 1..b]
                .iter()
                .any(|x| matches!(x.kind, Kind::Heading(l) if l > level))
        };
        // A section with blocks under its heading, every one of them a link.
        let links_only = |k: usize| {
            let (a, b) = (heads[k] + 1, ends[k]);
            a < b && blocks[a..b].iter().all(crate::extract::all_link)
        };
        let edge_off = |k: usize| -> Option<String> {
            let i = heads[k];
            let inner = n - 1;
            // "You might also like" over a few links, or a table of contents, when no item is
            // like that.
            if links_only(k) && !(0..n).any(|j| j != k && links_only(j)) {
                return Some("it holds nothing but links, and no other section does".into());
            }
            // Items are alike: when the gap before the last head is the only one with
            // subheadings in it ("Around the Web", a consent dialog), the list ended there.
            if k == n - 1
                && subheads(heads[n - 2], i)
                && !(0..n - 2).any(|j| subheads(heads[j], heads[j + 1]))
            {
                return Some("subheadings come before it and between no other items".into());
            }
            if colons * 4 > inner * 3 && !colon(i) {
                return Some("has no 'Title: tagline' shape".into());
            }
            if !echo_of(k) && others_echo(k) {
                return Some("its title is not named in its own text".into());
            }
            if unlabelled(k) {
                return Some(
                    "it has none of the labelled lines or calls to action that most items have"
                        .into(),
                );
            }
            if recaps_others(folded, &titles, heads[k], k, ends[k]) {
                return Some("it names two or more other items".into());
            }
            // A heading over an embedded video, when the items have none, titles the video.
            let with_media = heads.iter().filter(|&&h| blocks[h].media_after).count();
            if blocks[i].media_after && with_media * 4 <= inner {
                return Some("it titles an embedded video".into());
            }
            None
        };
        if let Some(r) = edge_off(n - 1) {
            why.add(|| format!("dropped outro ({r})"));
            p.heads.pop();
            all_ends.pop();
            echo.pop();
            titles.pop();
            labels.pop();
            continue;
        }
        if let Some(r) = edge_off(0) {
            why.add(|| format!("dropped intro ({r})"));
            p.heads.remove(0);
            all_ends.remove(0);
            echo.remove(0);
            titles.remove(0);
            labels.remove(0);
            continue;
        }
        break;
    }
    // A title that promises N items when there are a few more sections: the extra sections
    // are an intro or outro. Drop the edge whose size is least like the others'.
    let counts = title_counts(doc);
    // Text of a section that belongs with its heading (not a link box of lower weight).
    let body_len = |i: usize, end: usize| -> usize {
        let w = blocks[i].weight * 0.5;
        blocks[i + 1..end]
            .iter()
            .filter(|b| b.weight >= w)
            .map(|b| b.text.len())
            .sum()
    };
    if let Some(&want) = counts
        .iter()
        .filter(|&&c| {
            c >= MIN_ITEMS as i64 && (c as usize) < p.heads.len() && p.heads.len() <= c as usize + 3
        })
        .max()
    {
        // Sections with no text of their own ("Related" boxes) go first, wherever they are.
        while p.heads.len() > want as usize {
            let n = p.heads.len();
            // No text of its own: little text, or nothing but links ("You might also like").
            let bare = (0..n).find(|&k| {
                let (i, end) = (p.heads[k].block, all_ends[k]);
                body_len(i, end) < 40 || blocks[i + 1..end].iter().all(crate::extract::all_link)
            });
            match bare {
                Some(k) => {
                    p.heads.remove(k);
                    all_ends.remove(k);
                    why.add(|| "dropped a section with no text".into());
                }
                None => break,
            }
        }
        while p.heads.len() > want as usize {
            let n = p.heads.len();
            let lens: Vec<usize> = (0..n)
                .map(|k| body_len(p.heads[k].block, all_ends[k]))
                .collect();
            let mut sorted = lens.clone();
            sorted.sort_unstable();
            let median = sorted[n / 2].max(1) as f64;
            // How unlike the others each section's size is.
            let oddness: Vec<f64> = lens
                .iter()
                .map(|&x| ((x.max(1) as f64) / median).ln().abs())
                .collect();
            let (first, last) = (oddness[0], oddness[n - 1]);
            // A section between items far less like them than either edge (a newsletter's
            // sign-up box between two items) goes before either edge does.
            let middle = (1..n - 1)
                .max_by(|&a, &b| oddness[a].total_cmp(&oddness[b]))
                .filter(|&k| oddness[k] > first.max(last) + 0.5);
            if let Some(k) = middle {
                p.heads.remove(k);
                all_ends.remove(k);
                why.add(|| {
                    "dropped a section unlike the items between them (the title's count)".into()
                });
            } else if last >= first {
                p.heads.pop();
                all_ends.pop();
                why.add(|| "dropped outro (the title's count)".into());
            } else {
                p.heads.remove(0);
                all_ends.remove(0);
                why.add(|| "dropped intro (the title's count)".into());
            }
        }
    }
    let n = p.heads.len();
    let heads: Vec<usize> = p.heads.iter().map(|h| h.block).collect();
    p.taglines = n >= 2 && heads.iter().filter(|&&i| colon(i)).count() * 5 >= n * 4;
    let weight = mean_weight(blocks, &heads);
    let mut score = n as f32 * 1.2;
    why.first(|| format!("{n} sections under level-{level} headings"));
    if counts.contains(&(n as i64)) {
        score += 4.0;
        why.add(|| "count matches the title".into());
    } else if level != 7 {
        // Subheadings of an ordinary article look like this too. Without a count in the title,
        // a list of sections must be in the article body, have text of its own under every
        // heading, and be headed by names rather than sentences or questions.
        score *= 0.5;
        let words: usize = heads
            .iter()
            .map(|&i| blocks[i].text.split_whitespace().count())
            .sum();
        let sentences = heads
            .iter()
            .filter(|&&i| blocks[i].text.ends_with(['?', '.', '!']))
            .count();
        let bare = (0..n)
            .filter(|&k| body_len(heads[k], all_ends[k]) < 40)
            .count();
        p.rejected = if weight < 0.9 {
            Some("the headings are outside the article body, or are links".into())
        } else if let Some(w) = (level == 8)
            .then(|| one_subject(doc, &heads, &all_ends))
            .flatten()
        {
            Some(format!(
                "the sections are parts of one article about one thing ('{w}' from the title is named throughout them)"
            ))
        } else if n < 5
            && !same_labels(blocks, &heads, &all_ends)
            // Headings that count (`1 Name`, or `01` above each) are a list however few.
            && spaced_ranks(blocks, &heads).is_none()
            && lead_ranks(blocks, &heads).is_none()
        {
            Some(format!(
                "the title promises no list, and {n} sections are too few to be one"
            ))
        } else if bare > 0 {
            Some("some headings have no text of their own (teasers, not items)".into())
        } else if words > n * 12 || sentences * 5 > n {
            Some("the headings read as sentences or questions, as in an ordinary article".into())
        } else {
            None
        };
    }
    score *= weight.max(0.05);
    p.score = score;
    p.why = why.join();
}

/// Does every section (from its heading at `heads[k]` to `ends[k]`) hold a labelled line of
/// one same label (`Price: …` under each of a few product names), or the same call to action
/// (`Buy at Amazon`)? Then even a few sections are items alike.
fn same_labels(blocks: &[Block], heads: &[usize], ends: &[usize]) -> bool {
    let all: Vec<Vec<Trait>> = (0..heads.len())
        .map(|k| traits(&blocks[heads[k] + 1..ends[k]]))
        .collect();
    all[0]
        .iter()
        .any(|t| all[1..].iter().all(|o| o.contains(t)))
}

/// What a section can share with the other items: the label of a `Label: value` line, or
/// the text of a call to action (a short all-link line, `Buy at Amazon`; a photo credit's
/// link differs from item to item, so it is shared by none).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Trait<'a> {
    Label(&'a str),
    CallToAction(&'a str),
}

/// The [`Trait`]s of a section's blocks, each once.
fn traits(body: &[Block]) -> Vec<Trait<'_>> {
    let mut t: Vec<Trait> = body
        .iter()
        .filter_map(|b| {
            crate::extract::label_line(&b.text)
                .map(|(l, _)| Trait::Label(l))
                .or_else(|| crate::extract::is_cta(b).then_some(Trait::CallToAction(&b.text)))
        })
        .collect();
    t.sort_unstable();
    t.dedup();
    t
}

/// A capitalised word of the page title (a name, four letters or more) that nearly every
/// section's text names (four in five, twice a section on average) and fewer than half of
/// the headings do: the bold lead-ins are the parts of an article about one thing (a review's
/// "Weight", "Bottom line"), not a list of things.
fn one_subject(doc: &Blocks, heads: &[usize], ends: &[usize]) -> Option<String> {
    let title = doc.meta.title.as_deref()?;
    let blocks = &doc.blocks;
    let n = heads.len();
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && w.chars().next().is_some_and(char::is_uppercase))
        .find(|w| {
            let (mut sections, mut total) = (0, 0);
            for k in 0..n {
                let c: usize = blocks[heads[k] + 1..ends[k]]
                    .iter()
                    .map(|b| count_word(&b.text, w))
                    .sum();
                sections += usize::from(c > 0);
                total += c;
            }
            let in_names = heads
                .iter()
                .filter(|&&i| count_word(&blocks[i].text, w) > 0)
                .count();
            sections * 5 >= n * 4 && total >= 2 * n && in_names * 2 < n
        })
        .map(str::to_string)
}

/// How often `w` stands as a whole word in `s` (case as written).
fn count_word(s: &str, w: &str) -> usize {
    s.match_indices(w)
        .filter(|&(i, _)| {
            let before = s[..i].chars().next_back();
            let after = s[i + w.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .count()
}

fn section_ends(doc: &Blocks, p: &Proposal) -> Vec<usize> {
    let blocks = &doc.blocks;
    p.heads
        .iter()
        .enumerate()
        .map(|(k, h)| {
            let end = match p.heads.get(k + 1) {
                Some(x) => x.block,
                None => last_section_end(blocks, h.block),
            };
            end.max(h.block + 1)
        })
        .collect()
}

/// Where the last section ends: at the next heading of its level or above (the page's
/// "Leave a comment", "Related posts"), when its head is a heading; else at the end.
fn last_section_end(blocks: &[Block], head: usize) -> usize {
    let Kind::Heading(level) = blocks[head].kind else {
        return blocks.len();
    };
    blocks[head + 1..]
        .iter()
        .position(|b| matches!(b.kind, Kind::Heading(l) if l <= level))
        .map_or(blocks.len(), |k| head + 1 + k)
}

/// A section's title, folded, with a searcher for it made once (a list's edges are checked
/// for recaps again and again, [`recaps_others`]).
struct Title {
    folded: String,
    finder: memchr::memmem::Finder<'static>,
}

impl Title {
    fn new(folded: String) -> Title {
        let finder = memchr::memmem::Finder::new(&folded).into_owned();
        Title { folded, finder }
    }

    /// Whether folded `text` names the title: holds it, and not as part of a longer number
    /// (`thing 1` is not named by `thing 12`, nor `route 6` by `route 66`).
    fn named_in(&self, text: &[u8]) -> bool {
        let t = self.folded.as_bytes();
        let digit = |c: Option<&u8>| c.is_some_and(u8::is_ascii_digit);
        let (first, last) = (digit(t.first()), digit(t.last()));
        self.finder.find_iter(text).any(|at| {
            let before = at.checked_sub(1).and_then(|i| text.get(i));
            let longer = (first && digit(before)) || (last && digit(text.get(at + t.len())));
            !longer
        })
    }
}

/// A section (the `k`th, its head at block `head`) whose text names two or more of the other
/// items (their `titles`, folded) is a recap (intro or outro).
fn recaps_others(folded: &Folded, titles: &[Title], head: usize, k: usize, end: usize) -> bool {
    let body: String = (head + 1..end)
        .map(|j| folded.get(j))
        .collect::<Vec<_>>()
        .join(" ");
    titles
        .iter()
        .enumerate()
        .filter(|&(j, t)| j != k && t.folded.len() >= 4 && t.named_in(body.as_bytes()))
        .nth(1)
        .is_some()
}

/// The item a title promises past the numbered ones: a page titled with N items numbers N - 1
/// headings (`1. Name: tagline` to `11. Name: tagline`) and gives the last one no number (the
/// author's own, after the others). It is the next heading of the items' level, right after
/// the last item: unnumbered, in the items' container, with text under it, and shaped as
/// they are (`Name: tagline`, as every numbered heading is). It has no rank, as the page
/// shows none.
fn promised_last(doc: &Blocks, heads: &[Head]) -> Option<Head> {
    let blocks = &doc.blocks;
    let n = heads.len();
    let last = heads.last()?;
    let Kind::Heading(level) = blocks[last.block].kind else {
        return None;
    };
    let counted = heads
        .iter()
        .enumerate()
        .all(|(k, h)| h.rank == Some(k as i64 + 1) && blocks[h.block].kind == Kind::Heading(level));
    let counts = title_counts(doc);
    if n < MIN_ITEMS
        || !counted
        || !counts.contains(&(n as i64 + 1))
        || counts.contains(&(n as i64))
    {
        return None;
    }
    if !heads
        .iter()
        .all(|h| has_tagline(&blocks[h.block].text[h.rest..]))
    {
        return None;
    }
    let j = last_section_end(blocks, last.block);
    let b = blocks.get(j)?;
    let head = &blocks[last.block];
    let text_under = blocks.get(j + 1).is_some_and(|x| {
        x.kind.heading_level().is_none()
            && x.weight >= head.weight * 0.5
            && !crate::extract::all_link(x)
    });
    (b.kind == Kind::Heading(level)
        && b.container == head.container
        && b.weight >= head.weight * 0.5
        && marker::parse_any(&b.text).is_none()
        && bare_number(&b.text).is_none()
        && has_tagline(&b.text)
        && text_under)
        .then(|| Head::whole(j, None, false))
}

/// Is `s` of the `Title: tagline` shape, with text on both sides of the colon?
fn has_tagline(s: &str) -> bool {
    crate::chars::find_pair(s, b':', b' ').is_some_and(|k| k > 0 && k + 2 < s.len())
}

/// `Title: tagline` to `Title`.
pub(crate) fn tagline_title(s: &str) -> &str {
    match crate::chars::find_pair(s, b':', b' ') {
        Some(k) if k > 0 => &s[..k],
        _ => s,
    }
}

/// Turn the chosen candidate into entries with body ranges.
fn build_entries(doc: &Blocks, c: &Proposal, ctas: &Repeats) -> Vec<Entry> {
    let blocks = &doc.blocks;
    let n = c.heads.len();
    let mut entries: Vec<Entry> = Vec::with_capacity(n);
    let mut heads = c.heads.clone();
    if let Some(h) = promised_last(doc, &heads) {
        heads.push(h);
    }
    let item_label = std::cell::OnceCell::new();
    // Numbered up (1, 2, 3), so that a head numbered 1 after others starts a section.
    let up = matches!((heads.first().and_then(|h| h.rank), heads.get(1).and_then(|h| h.rank)),
        (Some(a), Some(b)) if a < b);
    let mut k = 0;
    while k < heads.len() {
        let h = heads[k].clone();
        let b = &blocks[h.block];
        let heading = b.text[h.rest..].trim().to_string();
        let mut next = heads.get(k + 1).map(|x| x.block);
        let mut end = section_end(
            blocks,
            h.block,
            &heading,
            next.unwrap_or(blocks.len()),
            ctas,
        );
        // The last item's text runs at most to the next heading of its level.
        let bound = next.unwrap_or_else(|| last_section_end(blocks, h.block));
        if end < bound
            && let Some(label) = item_label.get_or_init(|| per_item_label(blocks, &heads))
            && unheaded_item(blocks, h.block, end, bound, label)
        {
            heads.insert(k + 1, Head::whole(end, None, false));
            next = Some(end);
            end = section_end(blocks, h.block, &heading, end, ctas);
        }
        // In text, the line that names the next section, over numbering that starts again
        // (`A Full Day` over `1. Langdale Horseshoe`), is not this item's text.
        if let Some(nx) = heads.get(k + 1)
            && up
            && nx.rank == Some(1)
            && h.rank.is_some_and(|r| r >= 1)
            && end == nx.block
            && end > h.block + 1
            && is_section_line(blocks, end - 1, true)
        {
            end -= 1;
        }
        // A list item that carries no marker of its own is the whole item, with any further
        // blocks inside it (`<li><p>…</p><p>Players: 2</p></li>`, a nested list); a
        // numbered one may be followed by its body.
        let body = if h.inline && b.kind == Kind::ListItem && h.rest == 0 {
            let stop = next.unwrap_or(blocks.len());
            let more = blocks[h.block + 1..stop.max(h.block + 1)]
                .iter()
                .take_while(|x| in_list_item(b, x))
                .count();
            h.block + 1..h.block + 1 + more
        } else {
            h.block + 1..end
        };
        entries.push(Entry {
            head: h.block,
            body,
            rank: h.rank,
            heading,
            inline: h.inline,
            media: None,
            section: None,
        });
        k += 1;
    }
    leading_media(blocks, &mut entries);
    leading_numbers(blocks, &mut entries);
    trim_last(blocks, &mut entries, ctas);
    indented_last(blocks, &mut entries);
    sections(blocks, &mut entries, ctas);
    entries
}

/// The label that one line of nearly every item's section has ("Best for: …"), when the
/// items are unnumbered headings, five or more; `None` otherwise.
fn per_item_label(blocks: &[Block], heads: &[Head]) -> Option<String> {
    let n = heads.len();
    if n < 5
        || heads
            .iter()
            .any(|h| h.rank.is_some() || !matches!(blocks[h.block].kind, Kind::Heading(_)))
    {
        return None;
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    for (k, h) in heads.iter().enumerate() {
        let end = heads.get(k + 1).map_or(blocks.len(), |x| x.block);
        let mut seen: Vec<String> = Vec::new();
        for b in &blocks[h.block + 1..end] {
            if let Some((label, _)) = crate::extract::label_line(&b.text) {
                let label = crate::extract::fold(label);
                if !seen.contains(&label) {
                    seen.push(label);
                }
            }
        }
        for label in seen {
            match counts.iter_mut().find(|c| c.0 == label) {
                Some(c) => c.1 += 1,
                None => counts.push((label, 1)),
            }
        }
    }
    counts
        .into_iter()
        .filter(|c| c.1 * 4 >= n * 3)
        .max_by_key(|c| c.1)
        .map(|c| c.0)
}

/// An item the page set no heading for: the section of `head` stopped at block `at`, a short
/// line that is all link (the place's name, linked), and after it, before the next head, comes
/// text of the item's shape: the `label` line that every item has ("Best for: …") once more,
/// when the section above already had its own.
fn unheaded_item(blocks: &[Block], head: usize, at: usize, next: usize, label: &str) -> bool {
    let (hb, b) = (&blocks[head], &blocks[at]);
    let t = b.text.trim();
    let has_label = |x: &Block| {
        crate::extract::label_line(&x.text).is_some_and(|(l, _)| crate::extract::fold(l) == label)
    };
    // Its text: up to the next head or heading (a section heading over the next items).
    let text = &blocks[at + 1..next];
    let text = &text[..text
        .iter()
        .position(|x| matches!(x.kind, Kind::Heading(_)))
        .unwrap_or(text.len())];
    b.kind == Kind::Paragraph
        && b.container == hb.container
        && crate::extract::all_link(b)
        && t.len() <= 60
        && t.split_whitespace().count() <= 8
        && !t.ends_with(['.', '!', '?', ':', ';', ','])
        && crate::extract::label_line(t).is_none()
        && blocks[head + 1..at].iter().any(has_label)
        && text
            .iter()
            .any(|x| x.weight + 0.3 >= hb.weight && x.container == hb.container && !has_label(x))
        && text.iter().any(has_label)
}

/// Indented items (`1. **Name**`, then `   its text` in Markdown): when the other items' text
/// is all indented beyond their heads, the last item ends at its first block that is not
/// ("Happy listening!" after the list).
fn indented_last(blocks: &[Block], entries: &mut [Entry]) {
    let Some((last, others)) = entries.split_last_mut() else {
        return;
    };
    let inside = |e: &Entry, i: usize| blocks[i].indent > blocks[e.head].indent;
    let with_text = others.iter().filter(|e| !e.body.is_empty()).count();
    if with_text == 0
        || with_text * 2 < others.len()
        || !others.iter().all(|e| e.body.clone().all(|i| inside(e, i)))
    {
        return;
    }
    if let Some(k) = last.body.clone().find(|&i| !inside(last, i)) {
        last.body.end = k;
    }
}

/// A block of nothing but an item's number right before its heading ([`lead_ranks`]) is not
/// the end of the item before.
fn leading_numbers(blocks: &[Block], entries: &mut [Entry]) {
    for k in 1..entries.len() {
        let h = entries[k].head;
        if entries[k].rank.is_some() && bare_number(&blocks[h - 1].text) == entries[k].rank {
            end_before(&mut entries[k - 1].body, h - 1);
        }
    }
    // A counter or number right under every heading ([`ranks_below`]) is the rank, not text.
    let counted = |e: &Entry| {
        e.rank.is_some() && !e.body.is_empty() && bare_number(&blocks[e.body.start].text) == e.rank
    };
    if !entries.is_empty() && entries.iter().all(counted) {
        for e in entries.iter_mut() {
            e.body.start += 1;
        }
    }
}

/// The part of the page each item is in, when the list is spread over parts: a heading above
/// the items' own level (any heading over items that are not headings, and one of their own
/// level when it starts the numbering again) that stands between two items, or above the
/// first; in text, the line that names a section right above numbering that starts again
/// (and then above the first item). The article's title (`h1`) names no part, nor a heading
/// the page repeats. A list that is all in one part has no sections: what its heading says,
/// the title says.
fn sections(blocks: &[Block], entries: &mut [Entry], reps: &Repeats) {
    let top = |e: &Entry| e.media.unwrap_or(e.head);
    // A heading the page says three times or more ("Advertisement") names no part.
    let names_part = |e: &Entry, restarts: bool, i: usize| {
        let level = match (blocks[i].kind, blocks[e.head].kind) {
            (Kind::Heading(1), _) => false,
            (Kind::Heading(n), Kind::Heading(m)) => n < m || (n == m && restarts),
            (Kind::Heading(_), _) => true,
            _ => false,
        };
        level && reps.short_count_at(i) < 3
    };
    // The part each item opens, if any; the items after it are in it until the next.
    let mut opens = vec![None; entries.len()];
    let mut lines = false;
    let restart = |k: usize| {
        k > 0 && matches!((entries[k - 1].rank, entries[k].rank), (Some(a), Some(b)) if b <= a)
    };
    // Numbering that starts again marks the parts; the first item opens the first part.
    let restarts_at = |k: usize| restart(k) || (k == 0 && (1..entries.len()).any(restart));
    for (k, e) in entries.iter().enumerate() {
        let restarts = restarts_at(k);
        let from = k
            .checked_sub(1)
            .map_or(0, |j| entries[j].body.end.max(entries[j].head + 1));
        let t = top(e);
        // Above the first item, the search stops at the article's title: what is above it
        // (a menu, a sidebar) is the site's, not the article's.
        let mut parts = (from.min(t)..t)
            .rev()
            .take_while(|&i| k > 0 || blocks[i].kind != Kind::Heading(1))
            .filter(|&i| names_part(e, restarts, i));
        // Between two items, one heading names the next part; several are something else
        // between them (a gallery of headlines, a box of features).
        opens[k] = match (k, parts.next()) {
            (0, p) => p,
            (_, Some(p)) if parts.next().is_none() => Some(p),
            _ => None,
        };
        if opens[k].is_none() && restart(k) && t > from && is_section_line(blocks, t - 1, true) {
            opens[k] = Some(t - 1);
            lines = true;
        }
    }
    // The first item of a list whose sections are named by lines in text: its line stands
    // right above it, or a few paragraphs above.
    if lines && entries.first().is_some_and(|e| e.rank == Some(1)) && opens[0].is_none() {
        let t = top(&entries[0]);
        opens[0] = (t.saturating_sub(3)..t)
            .rev()
            .find(|&i| is_section_line(blocks, i, true));
    }
    let found: Vec<Option<usize>> = opens
        .iter()
        .scan(None, |part, &o| {
            *part = o.or(*part);
            Some(*part)
        })
        .collect();
    if found.iter().all(|s| *s == found[0]) {
        return;
    }
    for (e, s) in entries.iter_mut().zip(found) {
        e.section = s;
    }
}

/// An item's body gives up block `j` and what follows it, when it holds `j` (the block belongs
/// to the next item's head).
fn end_before(body: &mut std::ops::Range<usize>, j: usize) {
    if body.contains(&j) {
        body.end = j.max(body.start);
    }
}

/// Figures placed before each item's heading (an image or its caption, then `<h2>2.
/// Name</h2>`) belong to the item they introduce, not to the one before. When the first head
/// and most heads have a figure right before them, and the items do not also end or start with
/// one (a figure at the end or start of each item is the item's own), each item takes the run
/// of figure blocks before its head (an image, a caption, a credit), and the item before gives
/// them up.
fn leading_media(blocks: &[Block], entries: &mut [Entry]) {
    let n = entries.len();
    if n < 3 {
        return;
    }
    let media = |i: usize| {
        let b = &blocks[i];
        (b.image.is_some() && !matches!(b.kind, Kind::Heading(_)) || b.kind == Kind::Caption)
            && b.text.len() <= 120
    };
    // The first block of the run of figure blocks right before item `k`'s head, after the
    // head before it.
    let before = |k: usize| {
        let h = entries[k].head;
        let floor = if k == 0 { 0 } else { entries[k - 1].head + 1 };
        let len = (floor..h).rev().take_while(|&i| media(i)).count();
        (len > 0).then(|| h - len)
    };
    let found: Vec<Option<usize>> = (0..n).map(before).collect();
    let led = found.iter().flatten().count();
    let last = &entries[n - 1];
    let last_ends_with_one = last.body.end > last.body.start && media(last.body.end - 1);
    let starts_with_one = entries
        .iter()
        .filter(|e| e.body.start < e.body.end && media(e.body.start))
        .count();
    if found[0].is_none() || led * 5 < n * 3 || last_ends_with_one || starts_with_one * 2 >= n {
        return;
    }
    for (k, j) in found.into_iter().enumerate() {
        let Some(j) = j else { continue };
        entries[k].media = Some(j);
        if k > 0 {
            end_before(&mut entries[k - 1].body, j);
        }
    }
}

/// The longest line that [`Repeats::furniture`] looks at.
const FURNITURE: usize = 120;

/// What a page repeats word for word: calls to action ([`crate::extract::is_cta`]), block
/// texts and labels, each counted once per document when first asked.
struct Repeats<'a> {
    blocks: &'a [Block],
    /// Texts of two calls to action or more.
    ctas: std::cell::OnceCell<rustc_hash::FxHashSet<&'a str>>,
    /// Texts longer than [`FURNITURE`] bytes of two blocks or more.
    twice: std::cell::OnceCell<rustc_hash::FxHashSet<&'a str>>,
    /// Whether each label asked about is the label of two `Label: value` lines or more.
    labels: std::cell::RefCell<rustc_hash::FxHashMap<String, bool>>,
    /// How many blocks have each text of up to [`FURNITURE`] bytes.
    short: std::cell::OnceCell<Short<'a>>,
    /// Whether a block is the number 999 alone (a list's, which may count on past it).
    past_999: std::cell::OnceCell<bool>,
}

/// The blocks of each text of up to [`FURNITURE`] bytes, counted once: by text for a look-up
/// by text, and by block for a look-up by a block's place (no hashing).
struct Short<'a> {
    /// Each text's group.
    groups: rustc_hash::FxHashMap<&'a str, u32>,
    /// How many blocks have each group's text (counted to 255).
    counts: Vec<u8>,
    /// Each block's group ([`u32::MAX`] for a longer text).
    of_block: Vec<u32>,
}

impl<'a> Repeats<'a> {
    fn new(blocks: &'a [Block]) -> Self {
        Repeats {
            blocks,
            ctas: std::cell::OnceCell::new(),
            twice: std::cell::OnceCell::new(),
            labels: Default::default(),
            short: std::cell::OnceCell::new(),
            past_999: std::cell::OnceCell::new(),
        }
    }

    /// Whether the page has a number `999` alone in a block, so that a number of four digits
    /// or more alone may be a rank rather than a year ([`bare_long_number`]).
    fn counts_past_999(&self) -> bool {
        *self.past_999.get_or_init(|| {
            self.blocks
                .iter()
                .any(|b| bare_number(&b.text) == Some(999))
        })
    }

    /// Is block `i`'s text, a line of up to [`FURNITURE`] bytes, the text of three blocks of
    /// the page or more: a share widget's line under every item, not a heading (a heading
    /// comes at most twice, with a table of contents)?
    fn furniture(&self, i: usize) -> bool {
        self.short_count_at(i) >= 3
    }

    /// The page's short texts, counted the first time any is asked about.
    fn short(&self) -> &Short<'a> {
        self.short.get_or_init(|| {
            let n = self
                .blocks
                .iter()
                .filter(|b| b.text.len() <= FURNITURE)
                .count();
            let mut groups = rustc_hash::FxHashMap::with_capacity_and_hasher(n, Default::default());
            let mut counts: Vec<u8> = Vec::with_capacity(n);
            let of_block = self
                .blocks
                .iter()
                .map(|b| {
                    if b.text.len() > FURNITURE {
                        return u32::MAX;
                    }
                    let g = *groups.entry(b.text.as_str()).or_insert_with(|| {
                        counts.push(0);
                        (counts.len() - 1) as u32
                    });
                    counts[g as usize] = counts[g as usize].saturating_add(1);
                    g
                })
                .collect();
            Short {
                groups,
                counts,
                of_block,
            }
        })
    }

    /// How many blocks of the page have `text`, a line of up to [`FURNITURE`] bytes (0 for a
    /// longer one).
    fn short_count(&self, text: &str) -> u8 {
        if text.len() > FURNITURE {
            return 0;
        }
        let short = self.short();
        short
            .groups
            .get(text)
            .map_or(0, |&g| short.counts[g as usize])
    }

    /// [`Repeats::short_count`] of block `i`'s text, found by its place.
    fn short_count_at(&self, i: usize) -> u8 {
        let short = self.short();
        match short.of_block[i] {
            u32::MAX => 0,
            g => short.counts[g as usize],
        }
    }

    /// Is `label` the label of two `Label: value` lines of the page or more, with values of
    /// their own (one line said twice, a heading and its line in a list of contents, is one)?
    /// Each label is looked for once, in the blocks that start with it: a page asks about a
    /// few labels, and most of its blocks fail on their first bytes.
    fn label_recurs(&self, label: &str) -> bool {
        if let Some(&known) = self.labels.borrow().get(label) {
            return known;
        }
        let mut first = None;
        let recurs = self
            .blocks
            .iter()
            .filter(|b| b.text.starts_with(label))
            .filter_map(|b| crate::extract::label_line(&b.text))
            .filter(|&(l, _)| l == label)
            .any(|(_, value)| *first.get_or_insert(value) != value);
        self.labels.borrow_mut().insert(label.to_string(), recurs);
        recurs
    }

    /// Is `text` the text of two blocks of the page or more? A short one is looked up in the
    /// count of short lines ([`Repeats::short_count`]); longer texts are gathered apart, only
    /// when one is asked about.
    fn recurs(&self, text: &str) -> bool {
        if text.len() <= FURNITURE {
            return self.short_count(text) >= 2;
        }
        self.twice
            .get_or_init(|| {
                seen_twice(
                    self.blocks
                        .iter()
                        .map(|b| b.text.as_str())
                        .filter(|t| t.len() > FURNITURE),
                )
            })
            .contains(text)
    }

    /// Is `text` the text of two calls to action of the page or more?
    fn contains(&self, text: &str) -> bool {
        self.ctas
            .get_or_init(|| {
                seen_twice(
                    self.blocks
                        .iter()
                        .filter(|b| crate::extract::is_cta(b))
                        .map(|b| b.text.as_str()),
                )
            })
            .contains(text)
    }
}

/// The strings that `items` yields twice or more.
fn seen_twice<'a>(items: impl Iterator<Item = &'a str>) -> rustc_hash::FxHashSet<&'a str> {
    let mut seen = rustc_hash::FxHashSet::default();
    items.filter(|&t| !seen.insert(t)).collect()
}

/// Does block `next` end the section of head `head`: a heading of the same or a higher level,
/// or any heading under a head that is not one; under a list item, any heading outside the
/// item (the next part's heading between two items of a list: `Top 5`, the items, `Flop 5`,
/// the items), while one inside it is part of it.
fn ends_section(head: &Block, next: &Block) -> bool {
    match (head.kind, next.kind) {
        (Kind::Heading(a), Kind::Heading(l)) => l <= a,
        (Kind::ListItem, Kind::Heading(_)) => !in_list_item(head, next),
        (_, Kind::Heading(_)) => true,
        _ => false,
    }
}

/// Is block `x` inside list item `item`: in the same item of its list, or in a list nested
/// deeper?
fn in_list_item(item: &Block, x: &Block) -> bool {
    match (item.list, x.list) {
        (Some(p), Some(q)) => {
            (p.id == q.id && p.item == q.item) || (p.id != q.id && q.depth > p.depth)
        }
        _ => false,
    }
}

/// Where a section that starts at `head` ends, given the next head (or the end): at the next
/// heading of the same or a higher level, or for plain-text lists at a heading line that the
/// page does not repeat, or at a block of less weight that is not the item's
/// ([`goes_on_past`]). `name` is the head's text after its marker.
fn section_end(blocks: &[Block], head: usize, name: &str, limit: usize, ctas: &Repeats) -> usize {
    let hb = &blocks[head];
    let mut i = head + 1;
    while i < limit {
        let b = &blocks[i];
        if ends_section(hb, b) && !part_heading(blocks, head, i, name, limit) {
            return i;
        }
        if b.container == 0
            && hb.container == 0
            && is_text_heading_line(blocks, i, ctas)
            && crate::extract::label_line(&b.text).is_none()
            && crate::extract::link_caption(&b.text).is_none()
            // A heading line that comes again in the page ("Pros and Cons", a type line
            // under every item) is a part of each item, not the end of one.
            && !ctas.recurs(&b.text)
        {
            return i;
        }
        i = if hb.container != 0 && b.weight + 0.3 < hb.weight {
            match goes_on_past(blocks, head, i, name, limit, ctas) {
                Some(next) => next,
                None => return i,
            }
        } else {
            i + 1
        };
    }
    limit
}

/// A heading that ends in a colon ("Why choose it:") between two items introduces a part of
/// the item above, even at the level of the items' own headings; after the last item, only one
/// that names it ("Why choose Arc:", not "Final thoughts:"). `name` is the head's name.
fn part_heading(blocks: &[Block], head: usize, i: usize, name: &str, limit: usize) -> bool {
    let (hb, b) = (&blocks[head], &blocks[i]);
    b.container == hb.container
        && b.weight + 0.3 >= hb.weight
        && b.text.trim_end().ends_with(':')
        && (limit < blocks.len() || names_part(name, &b.text))
}

/// Block `i` of the section of `head` has less weight than the head (a link line, a box of
/// related links), which ends the section unless it is the item's. Where the item goes on from
/// when it is: the block after it, or after the box it starts.
fn goes_on_past(
    blocks: &[Block],
    head: usize,
    i: usize,
    name: &str,
    limit: usize,
    ctas: &Repeats,
) -> Option<usize> {
    let (hb, b) = (&blocks[head], &blocks[i]);
    let less = |x: &Block| x.weight + 0.3 < hb.weight;
    // A labelled line whose value is a link (`My favorite hotel: <a>Name</a>`), with a label
    // that other lines of the page have too, is a field of the item.
    let field = |x: &Block| {
        crate::extract::label_line(&x.text)
            .is_some_and(|(label, value)| !value.is_empty() && ctas.label_recurs(label))
    };
    if field(b) {
        return Some(i + 1);
    }
    // A box of its own set into the item's text (a related story's headline, a list of
    // links): the run of blocks of less weight in this block's container, when that differs
    // from the container of the block before it.
    let boxed = i > head + 1 && b.container != blocks[i - 1].container;
    let box_end = if boxed {
        i + blocks[i..limit]
            .iter()
            .take_while(|x| x.container == b.container && less(x))
            .count()
    } else {
        i + 1
    };
    // A sentence of the item's own with links in it, last before the next head and in the
    // flow of the item's text (not a box), is its last sentence ("The pair <a>revealed</a> in
    // February that…").
    if i + 1 == limit
        && !boxed
        && b.kind == Kind::Paragraph
        && !mostly_links(b)
        && b.text.trim_end().ends_with(['.', '!', '?'])
    {
        return Some(i + 1);
    }
    // The item's own text going on after it, within a few blocks: text found nowhere else on
    // the page (not an embed's notice, nor a question asked of every item), or a field of the
    // item (link or not), before any other block of less weight.
    let own_text = blocks[box_end..limit]
        .iter()
        .take(8)
        .take_while(|n| (!less(n) || field(n)) && !ends_section(hb, n))
        .find(|n| {
            !matches!(n.kind, Kind::Heading(_))
                && !n.text.is_empty()
                && (!ctas.recurs(&n.text) || field(n))
        });
    if let Some(n) = own_text {
        // Then a sentence with a link in it ("Image from Jane's October review.", or one that
        // is mostly its link but opens with words of its own) is the item's; and so is a box
        // of links that interrupts the item's text, which goes on in the same container as
        // before the box. Cutting the item there would lose the rest of it. (A link line in
        // the flow of the text may name the next item, where the page set no heading.)
        // The same goes for an item of a list of facts whose text goes on in the same list
        // (a linked name, then its address, in a list with its hours and prices).
        let goes_on_in_list = b.kind == Kind::ListItem && n.container == b.container;
        if (b.kind == Kind::Paragraph || goes_on_in_list)
            && (!mostly_links(b) || linked_sentence(b))
        {
            return Some(i + 1);
        }
        if boxed
            && n.container == blocks[i - 1].container
            && blocks[i..box_end]
                .iter()
                .all(|x| matches!(x.kind, Kind::Paragraph | Kind::ListItem))
        {
            return Some(box_end);
        }
    }
    // Otherwise only link lines that belong to the item: link lines that end in a call to
    // action, all of them last before the next head ("Buy on Amazon"; or "Related: …", then
    // "Buy on Amazon", where ending the item at the related story's line would lose its own
    // link); or a run of calls to action that, with the item's own text going on after them,
    // are each repeated word for word on the page (an action, not the name of something
    // else) or credit an image ("Jane Roe via Flickr").
    let last_before_head = || {
        let k = i + blocks[i..limit]
            .iter()
            .take_while(|x| less(x) && !x.links.is_empty())
            .count();
        k == limit && crate::extract::is_cta(&blocks[limit - 1])
    };
    let run = blocks[i..limit]
        .iter()
        .take_while(|x| less(x) && crate::extract::is_cta(x))
        .count();
    let j = i + run;
    // The same calls to action as the other items', right before the heading that ends the
    // list, are the last item's; and so are calls to action before a heading that opens a part
    // of the item ("Shop Arc today", then "Why Arc stands out:").
    let repeated = || blocks[i..j].iter().all(|x| ctas.contains(&x.text));
    let part_of_item = last_before_head()
        || (run > 0
            && j < limit
            && ((ends_section(hb, &blocks[j])
                && (repeated() || part_heading(blocks, head, j, name, limit)))
                || (!matches!(blocks[j].kind, Kind::Heading(_))
                    && !less(&blocks[j])
                    && blocks[i..j]
                        .iter()
                        .all(|x| x.image.is_some() || ctas.contains(&x.text)))));
    part_of_item.then_some(i + 1)
}

/// Does `text` name the item whose heading (after its marker) is `name`: all of it, or the
/// part before a colon (`Nike` of `Nike: The Innovator`)?
fn names_part(name: &str, text: &str) -> bool {
    let name = crate::extract::fold(name.split_once(':').map_or(name, |(a, _)| a));
    !name.is_empty() && names(text, &name)
}

/// The last item of a list runs to the end of the document unless something stops it; the
/// closing paragraphs of an article are not part of it. Give the last item at most as many
/// body blocks as the longest other item, plus any labelled lines that continue its own and
/// the rest of a table that it keeps a row of.
fn trim_last(blocks: &[Block], entries: &mut [Entry], reps: &Repeats) {
    let n = entries.len();
    if n < 3 {
        return;
    }
    let longest = entries[..n - 1]
        .iter()
        .map(|e| e.body.len())
        .max()
        .unwrap_or(0);
    // Heads with their text on the next line, no blank line between (`1) Name`, `Distance: …`):
    // a closing heading line may be set out the same way ("Final thoughts", then its text).
    let heads_over_text = entries.iter().all(|e| {
        blocks[e.head].container == 0 && blocks.get(e.head + 1).is_some_and(|n| !n.blank_before)
    });
    // A line the page repeats ("Advertisement" between items) is not a heading line.
    let heading = |i: &usize| {
        matches!(blocks[*i].kind, Kind::Heading(_))
            || (is_section_line(blocks, *i, heads_over_text) && reps.short_count_at(*i) < 2)
    };
    let others_have_headings = entries[..n - 1]
        .iter()
        .any(|e| e.body.clone().any(|i| heading(&i)));
    // In a page, when every other item's text sits in the container of its head (no list,
    // box or figure in any of them), the last one's ends where its text leaves that container
    // (the page's newsletter box after the article).
    let outside = |e: &Entry, i: usize| blocks[i].container != blocks[e.head].container;
    let flat = blocks[entries[n - 1].head].container != 0
        && entries[..n - 1]
            .iter()
            .all(|e| !e.body.is_empty() && !e.body.clone().any(|i| outside(e, i)));
    // A labelled line past that continues the item's fields when other items have lines of
    // the same label (`Price:`), not when it is the page's own (`Images: Jane Roe, …`).
    let label_of = |i: usize| crate::extract::label_line(&blocks[i].text).map(|(l, _)| l);
    let shared_label = |label: &str| {
        entries[..n - 1]
            .iter()
            .any(|e| e.body.clone().any(|i| label_of(i) == Some(label)))
    };
    let (start, body_end) = (entries[n - 1].body.start, entries[n - 1].body.end);
    let mut end = body_end;
    // Heads set apart by blank lines (text whose blank lines say which lines go together):
    // a sentence right under the last one kept, no blank line between, goes on its paragraph.
    // Not a bullet line ("Also worth a look:" over a list is no more the item's for that), a
    // labelled line (the page's `Images: …`), or text under a line that ends no sentence
    // ("Final thoughts").
    let heads_set_apart = entries.iter().all(|e| blocks[e.head].blank_before);
    let plain = |b: &Block| b.kind == Kind::Paragraph && b.bullet.is_none() && b.list.is_none();
    let goes_on = |i: usize| {
        let (b, above) = (&blocks[i], &blocks[i - 1]);
        heads_set_apart
            && !b.blank_before
            && plain(b)
            && plain(above)
            && above.text.trim_end().ends_with(['.', '!', '?'])
            && label_of(i).is_none()
    };
    // A row right under a row of the same table: a table kept in part is cut in two.
    let table_goes_on = |i: usize| {
        let (b, above) = (&blocks[i], &blocks[i - 1]);
        b.kind == Kind::Row
            && above.kind == Kind::Row
            && !b.header
            && b.container == above.container
            // In text, a table's rows have no blank line between them.
            && (b.container != 0 || !b.blank_before)
    };
    if body_end - start > longest {
        end = start + longest;
        while end < body_end
            && (label_of(end).is_some_and(shared_label) || goes_on(end) || table_goes_on(end))
        {
            end += 1;
        }
    }
    // A tight list in text, no blank line from its first head to its last (as Markdown
    // writes `1. **Name**: text` lines): a paragraph after a blank line that is not indented
    // under the last item is the article's again ("In summary, …").
    let tight_list = blocks[entries[n - 1].head].container == 0
        && entries
            .windows(2)
            .all(|w| (w[0].head + 1..=w[1].head).all(|i| !blocks[i].blank_before));
    let last = &entries[n - 1];
    // When no other item has a heading (or, in text, a line set apart like one) in its body,
    // the last one's ends at its first.
    if !others_have_headings && let Some(h) = (start..end).find(heading) {
        end = h;
    }
    if flat && let Some(k) = (start..end).find(|&i| outside(last, i)) {
        end = k;
    }
    if tight_list
        && let Some(k) = (start..end).find(|&i| blocks[i].blank_before && blocks[i].indent == 0)
    {
        end = k;
    }
    // Paragraphs all in italics that end the last item, when no other item has one, are the
    // editor's closing note ("This story first ran in …", a newsletter's
    // sign-up line), not the item's text; its first block stays.
    let note = |i: usize| blocks[i].emphasis && blocks[i].kind == Kind::Paragraph;
    if end > start + 1
        && note(end - 1)
        && !entries[..n - 1].iter().any(|e| e.body.clone().any(note))
    {
        while end > start + 1 && note(end - 1) {
            end -= 1;
        }
    }
    entries[n - 1].body.end = end;
}

/// A plain-text line set apart like a heading ("Honorable mentions", "Final thoughts"): a
/// short line with blank lines around it (or only before it, when `tight`: the items' own
/// heads have their text right under them) that starts with a capital, does not end a
/// sentence or introduce a value, and is not a list item, a marker line or a `Label: value`
/// line.
fn is_section_line(blocks: &[Block], i: usize, tight: bool) -> bool {
    let b = &blocks[i];
    let t = b.text.as_str();
    b.kind == Kind::Paragraph
        && b.container == 0
        && b.blank_before
        && (tight || blocks.get(i + 1).is_none_or(|n| n.blank_before))
        && t.len() <= 60
        && t.split_whitespace().count() <= 6
        && t.chars().next().is_some_and(char::is_uppercase)
        && !t.ends_with(['.', '!', '?', ':', ';', ','])
        && b.links.is_empty()
        && crate::extract::label_line(t).is_none()
        && marker::parse_any(t).is_none()
}

pub(crate) mod html_shapes {
    //! Candidates that only HTML produces: `<figure>` galleries and table rows.
    use super::{Head, Proposal, mean_weight, title_counts};
    use crate::blocks::{Blocks, Kind};

    pub(crate) fn candidates(doc: &Blocks, out: &mut Vec<Proposal>, why: super::Why) {
        galleries(doc, out, why);
        tables(doc, out, why);
    }

    /// A list's score from its size (with a bonus when the title states it) and its region
    /// weight; also whether the title states the size, and the weight.
    fn size_score(doc: &Blocks, heads: &[usize], per_item: f32) -> (f32, bool, f32) {
        let n = heads.len();
        let weight = mean_weight(&doc.blocks, heads);
        let counted = title_counts(doc).contains(&(n as i64));
        let score = (n as f32 * per_item + if counted { 4.0 } else { 0.0 }) * weight.max(0.05);
        (score, counted, weight)
    }

    /// Figures that share a parent form a gallery; each figure's first block is its head.
    fn galleries(doc: &Blocks, out: &mut Vec<Proposal>, why: super::Why) {
        let blocks = &doc.blocks;
        let mut groups: Vec<(u32, Vec<usize>)> = Vec::new();
        let mut last_figure = None;
        for (i, b) in blocks.iter().enumerate() {
            let Some((fig, parent)) = b.figure else {
                continue;
            };
            if last_figure == Some(fig) {
                continue;
            }
            last_figure = Some(fig);
            match groups.iter_mut().find(|g| g.0 == parent) {
                Some(g) => g.1.push(i),
                None => groups.push((parent, vec![i])),
            }
        }
        for (_, heads) in groups {
            let n = heads.len();
            if n < 2 {
                continue;
            }
            let texts: Vec<String> = heads
                .iter()
                .map(|&i| crate::extract::fold(&blocks[i].text))
                .collect();
            let mut distinct = texts.clone();
            distinct.sort();
            distinct.dedup();
            let short = heads
                .iter()
                .filter(|&&i| blocks[i].text.chars().count() <= 120)
                .count();
            let (score, counted, weight) = size_score(doc, &heads, 1.5);
            let sentences = heads
                .iter()
                .filter(|&&i| blocks[i].text.ends_with(['.', '!', '?', '”', '"']))
                .count();
            let rejected = if distinct.len() * 10 < n * 9 {
                Some("figure captions repeat (credits, not names)".to_string())
            } else if !counted && sentences * 5 > n {
                Some("figure texts are sentences (photo captions), not names".to_string())
            } else if short * 10 < n * 8 {
                Some("figure texts are long captions, not names".to_string())
            } else if !counted && (n < 4 || weight < 0.9) {
                Some("the title promises no list of this size".to_string())
            } else {
                None
            };
            out.push(Proposal {
                score,
                why: why.say(|| format!("{n} figures{}", counted_note(counted))),
                rejected,
                ..Proposal::new(
                    "gallery",
                    heads.iter().map(|&i| Head::whole(i, None, false)).collect(),
                )
            });
        }
    }

    /// The note a shape's reason gets when the title states its size.
    fn counted_note(counted: bool) -> &'static str {
        if counted {
            ", count matches the title"
        } else {
            ""
        }
    }

    /// Rows of one table, one item a row; the header row is not an item.
    fn tables(doc: &Blocks, out: &mut Vec<Proposal>, why: super::Why) {
        let blocks = &doc.blocks;
        let mut groups: Vec<(u32, Vec<usize>)> = Vec::new();
        for (i, b) in blocks.iter().enumerate() {
            if b.kind != Kind::Row || b.header {
                continue;
            }
            match groups.iter_mut().find(|g| g.0 == b.container) {
                Some(g) => g.1.push(i),
                None => groups.push((b.container, vec![i])),
            }
        }
        for (_, rows) in groups {
            let n = rows.len();
            if n < 2 {
                continue;
            }
            let ranks: Vec<Option<i64>> = rows
                .iter()
                .map(|&i| {
                    let first = blocks[i].text.split(" | ").next().unwrap_or("");
                    first.trim().trim_end_matches('.').parse().ok()
                })
                .collect();
            let numbered = ranks.iter().all(Option::is_some);
            let (score, counted, weight) = size_score(doc, &rows, 1.2);
            let cells = rows
                .iter()
                .map(|&i| blocks[i].text.matches(" | ").count() + 1)
                .min()
                .unwrap_or(0);
            let rejected = if cells < 2 {
                Some("rows have one cell (a layout table)".to_string())
            } else if !counted && (n < 5 || weight < 0.9) {
                Some("the title promises no list of this size".to_string())
            } else {
                None
            };
            let heads = rows
                .iter()
                .zip(&ranks)
                .map(|(&i, &r)| Head::whole(i, if numbered { r } else { None }, true))
                .collect();
            out.push(Proposal {
                score,
                why: why.say(|| format!("{n} table rows{}", counted_note(counted))),
                rejected,
                ..Proposal::new(super::TABLE_ROWS, heads)
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rank and heading of each entry.
    fn heads_of(doc: &Blocks) -> Vec<(Option<i64>, String)> {
        segment(doc)
            .entries
            .into_iter()
            .map(|e| (e.rank, e.heading))
            .collect()
    }

    /// Names ranked 1, 2, 3, … as [`titles`] gives them.
    fn ranked_from_1(names: &[&str]) -> Vec<(Option<i64>, String)> {
        (1..)
            .zip(names)
            .map(|(k, n)| (Some(k), n.to_string()))
            .collect()
    }

    fn titles(text: &str) -> Vec<(Option<i64>, String)> {
        heads_of(&crate::blocks::text::blocks(text))
    }

    /// The text of each entry's body blocks.
    fn bodies(d: &Blocks) -> Vec<Vec<String>> {
        segment(d)
            .entries
            .iter()
            .map(|e| {
                d.blocks[e.body.clone()]
                    .iter()
                    .map(|b| b.text.clone())
                    .collect()
            })
            .collect()
    }

    fn html_titles(html: &str) -> Vec<(Option<i64>, String)> {
        heads_of(&crate::blocks::html::blocks(html))
    }

    /// When the title's count leaves one section over and it stands between the items, far
    /// less like them than either edge (a newsletter's sign-up box after item 3), it goes, and
    /// not the last item.
    #[test]
    fn a_sign_up_box_between_the_items_is_the_section_over_the_count() {
        let names = [
            "Sintra",
            "Belem",
            "Alfama",
            "LX Factory",
            "Tram 28",
            "Ribeira",
        ];
        let page = |boxed: bool| {
            let mut html = String::from("<title>6 Things to Do in Lisbon</title><h1>6 Things</h1>");
            for (k, n) in names.iter().enumerate() {
                html += &format!(
                    "<h2>{n}</h2><p>One of the places every visitor should see, and worth a \
                     morning of your trip at least.</p><p>Go early to beat the crowds there.</p>"
                );
                if k == 2 && boxed {
                    html += "<h2>Get our newsletter</h2><p>Sign up for weekly tips, deals and guides in your inbox.</p>";
                }
            }
            html
        };
        let want: Vec<(Option<i64>, String)> =
            names.iter().map(|n| (None, n.to_string())).collect();
        assert_eq!(html_titles(&page(true)), want);
        assert_eq!(html_titles(&page(false)), want);
    }

    /// A list of picks over the sections (`Best overall: <a>Acer Aspire 5</a>` over
    /// `<h3>Acer Aspire 5</h3>`, or over a bold name, its `Price:` line and its text), a
    /// table comparing them, or in text `- Best 2-in-1: Dell 14` over heading lines, is a
    /// summary of them: the sections are the items, ranked by the summary's numbers when it
    /// shows some. A list that names only some of the sections stays the list.
    #[test]
    fn a_list_of_picks_over_the_sections_is_a_summary_of_them() {
        const PICKS: [&str; 4] = [
            "Best overall",
            "Best for students",
            "Best Chromebook",
            "Best 2-in-1",
        ];
        const NAMES: [&str; 4] = [
            "Acer Aspire 5",
            "Lenovo IdeaPad 3",
            "Asus Chromebook Plus",
            "Dell 14",
        ];
        // The names the picks give: the last one names no section when only three do.
        let listed = |k: usize, of: usize| if k < of { NAMES[k] } else { "Something else" };
        let list = |of: usize| {
            let mut html = String::from("<ul>");
            for (k, pick) in PICKS.iter().enumerate() {
                html += &format!(
                    "<li><b>{pick}:</b> <a href=\"#x\">{}</a></li>",
                    listed(k, of)
                );
            }
            html + "</ul>"
        };
        let table = |of: usize| {
            let mut html = String::from("<table><tr><th>Laptop</th><th>Best for</th></tr>");
            for (k, pick) in PICKS.iter().enumerate() {
                html += &format!("<tr><td>{}</td><td>{pick}</td></tr>", listed(k, of));
            }
            html + "</table>"
        };
        let page = |summary: &str, head: &dyn Fn(&str) -> String| {
            let mut html = String::from(
                "<title>The 4 Best Laptops</title><h1>The 4 Best Laptops</h1><h2>Our picks</h2>",
            );
            html += summary;
            for (k, n) in NAMES.iter().enumerate() {
                html += &format!(
                    "{}<p><b>Price:</b> ${k}99</p><p>A laptop that does its job well.</p>",
                    head(n)
                );
            }
            html + "<h2>How we test</h2><p>We run the same battery test on each.</p>"
        };
        let want: Vec<(Option<i64>, String)> =
            NAMES.iter().map(|n| (None, n.to_string())).collect();
        let h3 = |n: &str| format!("<h3>{n}</h3>");
        let bold = |n: &str| format!("<p><b>{n}</b></p>");
        assert_eq!(html_titles(&page(&list(4), &h3)), want);
        assert_eq!(html_titles(&page(&list(4), &bold)), want);
        assert_eq!(html_titles(&page(&table(4), &h3)), want);
        // Numbered picks (`<ol>`) rank the sections they name, which show no number.
        let ordered = list(4).replace("<ul>", "<ol>").replace("</ul>", "</ol>");
        let ranked: Vec<(Option<i64>, String)> = (1..)
            .zip(NAMES)
            .map(|(r, n)| (Some(r), n.to_string()))
            .collect();
        assert_eq!(html_titles(&page(&ordered, &h3)), ranked);
        let picks: Vec<(Option<i64>, String)> = (0..4)
            .map(|k| (None, format!("{}: {}", PICKS[k], listed(k, 3))))
            .collect();
        assert_eq!(html_titles(&page(&list(3), &h3)), picks);
        // In text, the picks are bullets whose names follow a colon.
        let mut text = String::from("The 4 Best Laptops\n\nOur picks\n\n");
        for (pick, n) in PICKS.iter().zip(NAMES) {
            text += &format!("- {pick}: {n}\n");
        }
        for n in NAMES {
            text += &format!(
                "\n{n}\n\nA laptop that does its job well for most people who need one for \
                 school, work and streaming at home, and that costs little.\n"
            );
        }
        assert_eq!(titles(&text), want);
    }

    /// In text, a line labelled as others are (`Price: $549` under every name) is the item's
    /// field: not a heading, and no bar to the name above it heading the text below it. A
    /// heading line with a colon said twice (in a list of contents and over its text) is
    /// still a heading.
    #[test]
    fn labelled_lines_under_heading_lines_are_fields() {
        const MORE: &str = "It is a good pick for most people who need a laptop for school, \
                            work and streaming at home, and it costs little.";
        let names = [
            "Acer Aspire 5",
            "Lenovo IdeaPad 3",
            "Asus Chromebook Plus",
            "HP 14",
        ];
        let mut text = String::from("Four laptops\n\n");
        for (k, n) in names.iter().enumerate() {
            text += &format!("{n}\n\nPrice: ${k}49\n\nA machine with a good screen. {MORE}\n\n");
        }
        let want: Vec<(Option<i64>, String)> =
            names.iter().map(|n| (None, n.to_string())).collect();
        assert_eq!(titles(&text), want);
        let doc = crate::blocks::text::blocks(&text);
        assert_eq!(
            bodies(&doc)[1],
            [
                "Price: $149".to_string(),
                format!("A machine with a good screen. {MORE}")
            ]
        );
        // Below a line the page repeats (`Shop now`), a labelled line long enough is the
        // item's text itself.
        let mut text = String::from("Four laptops\n\n");
        for n in names {
            text += &format!(
                "{n}\n\nShop now\n\nReview: \"The {n} has a good screen. {MORE}\"\n\nAmazon\n\n"
            );
        }
        assert_eq!(titles(&text), want);
        let names = ["Kanboard", "Hund: service checks", "Falcon"];
        let mut text = String::from("Tools of the week\n\n");
        for n in names {
            text += &format!("{n}\n\nA tool for people who run servers. {MORE}\n\n");
        }
        text += "In this issue\n\n";
        for n in names {
            text += &format!("- {n}\n");
        }
        let want: Vec<(Option<i64>, String)> =
            names.iter().map(|n| (None, n.to_string())).collect();
        assert_eq!(titles(&text), want);
    }

    /// List items that open with a linked name, then a dash or a colon and what it is, are a
    /// list under a title with no count, as items that open with a bold name are; a link
    /// inside the text, or no words after the name, names nothing.
    #[test]
    fn list_items_named_by_a_link_are_a_list() {
        let page = |item: &dyn Fn(&str) -> String| {
            let mut html = String::from(
                "<title>Tools for writers</title><h1>Tools for writers</h1><p>These help me every day.</p><ol>",
            );
            for n in ["Scrivener", "Hemingway", "Grammarly", "Zotero"] {
                html += &format!("<li>{}</li>", item(n));
            }
            html + "</ol><p>Happy writing!</p>"
        };
        let names = |ranked: bool| -> Vec<(Option<i64>, String)> {
            ["Scrivener", "Hemingway", "Grammarly", "Zotero"]
                .iter()
                .enumerate()
                .map(|(k, n)| {
                    let t = format!("{n} – keeps a long project in order for you");
                    (ranked.then_some(k as i64 + 1), t)
                })
                .collect()
        };
        let linked =
            |n: &str| format!("<a href='/{n}'>{n}</a> – keeps a long project in order for you");
        assert_eq!(html_titles(&page(&linked)), names(true));
        let colon = |n: &str| format!("<a href='/{n}'>{n}</a>: keeps a long project in order");
        assert_eq!(html_titles(&page(&colon)).len(), 4);
        for item in [
            &(|n: &str| format!("{n} – keeps a long project in order for you"))
                as &dyn Fn(&str) -> String,
            &|n: &str| format!("Try <a href='/{n}'>{n}</a> – it keeps a long project in order"),
            &|n: &str| format!("<a href='/{n}'>{n}</a> – in order"),
            &|n: &str| {
                format!(
                    "<a href='/{n}'>A study of how {n} users sleep</a> – published in a journal"
                )
            },
        ] {
            assert_eq!(html_titles(&page(item)), []);
        }
    }

    /// Headings that start with a number and a space (`1 Walk the Ribeira`) are ranked by it
    /// when the numbers count by one in every heading, in HTML and in text; a name that starts
    /// with a number (`3 Idiots`), or numbers that skip, stay in the titles.
    #[test]
    fn headings_numbered_with_a_space_are_ranked() {
        // Without a count in the title, headings that count are a list even of four.
        let page_titled = |title: &str, heads: [&str; 4]| {
            let mut html = format!("<title>{title}</title><h1>{title}</h1><p>Our list.</p>");
            for (k, h) in heads.iter().enumerate() {
                html += &format!(
                    "<h2>{h}</h2><p>A long enough paragraph about this place, number {k}.</p>"
                );
            }
            html
        };
        let page = |heads: [&str; 4]| page_titled("Things to do", heads);
        let ranked = |ranks: [i64; 4]| -> Vec<(Option<i64>, String)> {
            ranks
                .iter()
                .zip([
                    "Walk the Ribeira",
                    "Cross the bridge",
                    "Taste port",
                    "“Sip” vinho verde",
                ])
                .map(|(&r, n)| (Some(r), n.to_string()))
                .collect()
        };
        assert_eq!(
            html_titles(&page([
                "1 Walk the Ribeira",
                "2 Cross the bridge",
                "3\u{a0}Taste port",
                "4 “Sip” vinho verde"
            ])),
            ranked([1, 2, 3, 4])
        );
        assert_eq!(
            html_titles(&page([
                "4 Walk the Ribeira",
                "3 Cross the bridge",
                "2 Taste port",
                "1 “Sip” vinho verde"
            ])),
            ranked([4, 3, 2, 1])
        );
        let unranked = |heads: [&str; 4]| -> Vec<(Option<i64>, String)> {
            heads.iter().map(|h| (None, h.to_string())).collect()
        };
        for heads in [
            ["3 Idiots", "Amélie", "Brazil", "Cinema Paradiso"],
            ["92 Points", "90 Points", "87 Points", "85 Points"],
            ["1 Walk", "2 Cross", "3Taste", "4 Sip"],
            ["1 Walk", "2 Cross", "3 4 Taste", "4 Sip"],
        ] {
            let html = page_titled("4 Things to do", heads);
            assert_eq!(html_titles(&html), unranked(heads));
        }
        let text = "4 things to do in Porto\n\nOur list.\n\n1 Walk the Ribeira\nThe riverside is the heart of it.\n\n2 Cross the bridge\nWalk the top deck for the view.\n\n3 Taste port\nCellars line the south bank.\n\n4 Ride tram 1\nIt runs along the river to the sea.\n";
        assert_eq!(
            titles(text),
            [
                (Some(1), "Walk the Ribeira".to_string()),
                (Some(2), "Cross the bridge".to_string()),
                (Some(3), "Taste port".to_string()),
                (Some(4), "Ride tram 1".to_string())
            ]
        );
    }

    /// Headings numbered with ordinals (`1st`, `2nd`; `1er`, `2e`) or with a word for the place
    /// after the number (`1. Platz:`, `1st Place –`) are a ranked list, in text and in HTML,
    /// and the titles are the names.
    #[test]
    fn ordinal_and_place_word_headings_are_ranked() {
        let names = ["Alpine Lake", "Cedar Ridge", "Fox Hollow", "Granite Peak"];
        let marks: [fn(usize) -> String; 4] = [
            |i| format!("{i}{} ", ["", "st", "nd", "rd", "th"][i]),
            |i| {
                format!(
                    "{} ",
                    if i == 1 {
                        "1er".into()
                    } else {
                        format!("{i}e")
                    }
                )
            },
            |i| format!("{i}. Platz: "),
            |i| format!("{i}{} Place – ", ["", "st", "nd", "rd", "th"][i]),
        ];
        for mark in marks {
            let (mut text, mut html) = (
                String::from("4 Best Walks\n\n"),
                String::from("<html><head><title>4 Best Walks</title></head><body>"),
            );
            for (i, n) in names.iter().enumerate() {
                let m = mark(i + 1);
                text.push_str(&format!(
                    "{m}{n}\n\nA walk of {} miles with views.\n\n",
                    i + 3
                ));
                html.push_str(&format!("<h2>{m}{n}</h2><p>A walk of {} miles.</p>", i + 3));
            }
            let records = |input: &str| -> Vec<(Option<i64>, String)> {
                crate::extract_str(input, None, "t", &crate::Options::default())
                    .records
                    .into_iter()
                    .map(|r| (r.rank, r.title))
                    .collect()
            };
            assert_eq!(records(&text), ranked_from_1(&names), "{text}");
            assert_eq!(records(&html), ranked_from_1(&names), "{html}");
        }
    }

    /// Paragraphs all in italics that end the last item are the editor's closing note when
    /// no other item has one; when the items have italic paragraphs of their own, they stay.
    #[test]
    fn an_italic_note_after_the_last_item_is_not_its_text() {
        // Three items of three paragraphs, then one of a paragraph and the closing lines (within
        // the length of the others).
        let page = |second: &str, closing: &str| {
            let items: String = ["Alpha", "Beta", "Gamma"]
                .iter()
                .enumerate()
                .map(|(k, n)| {
                    format!(
                        "<h2>{}. {n}</h2><p>{n} is good.</p>{second}<p>More on {n}.</p>",
                        k + 1
                    )
                })
                .collect();
            format!(
                "<html><head><title>4 Things</title></head><body><article>{items}\
                 <h2>4. Delta</h2><p>Delta is good.</p>{closing}</article></body></html>"
            )
        };
        let note = "<p><em>This story first ran in <a href='/x'>The Example Times</a>.</em></p>\
                    <p><i>Sign up</i> <em>for our letter.</em></p>";
        let last = |html: &str| bodies(&crate::blocks::html::blocks(html)).pop().unwrap();
        assert_eq!(last(&page("<p>Why.</p>", note)), ["Delta is good."]);
        // Italic quotes inside the other items: the closing ones are read as theirs are.
        assert_eq!(
            last(&page("<p><em>A quote.</em></p>", note)),
            [
                "Delta is good.",
                "This story first ran in The Example Times.",
                "Sign up for our letter."
            ]
        );
        // In text, a line all in italics is one too.
        let mut text = String::from("4 Things\n\n");
        for (k, n) in ["Alpha", "Beta", "Gamma"].iter().enumerate() {
            text.push_str(&format!(
                "{}. {n}\n\n{n} is good.\n\nWhy.\n\nMore on {n}.\n\n",
                k + 1
            ));
        }
        text.push_str("4. Delta\n\nDelta is good.\n\n*This story first ran in The Times.*\n");
        let doc = crate::blocks::text::blocks(&text);
        assert_eq!(bodies(&doc).pop().unwrap(), ["Delta is good."]);
        // A last paragraph partly in italics is not a note, and what comes before it stays: only
        // notes that end the item go.
        let partly = note.replace("<p><i>Sign up</i>", "<p>Sign up");
        assert_eq!(
            last(&page("<p>Why.</p>", &partly)),
            [
                "Delta is good.",
                "This story first ran in The Example Times.",
                "Sign up for our letter."
            ]
        );
    }

    /// A line the page repeats under every heading line (a share widget) is neither a heading
    /// nor what keeps the heading above it from its text; a number alone over the intro (a
    /// count of likes) is no heading either.
    #[test]
    fn a_share_line_under_every_heading_line_is_page_furniture() {
        const MORE: &str = "The rest of the section goes on about it at length, with \
            quotes from the people involved and what to do about it, far past any heading.";
        let mut text = format!("Four mistakes we all make\n\n884\n\nAn introduction. {MORE}\n\n");
        for name in [
            "Buying Cheap",
            "Painting Too Soon",
            "Skipping Rugs",
            "Going Small",
        ] {
            text.push_str(&format!(
                "Image Source: Jane Roe\n\n{name}\n\nLike it? Share it with your friends!\n\n{name} is a mistake. {MORE}\n\n"
            ));
        }
        let want: Vec<(Option<i64>, String)> = [
            "Buying Cheap",
            "Painting Too Soon",
            "Skipping Rugs",
            "Going Small",
        ]
        .iter()
        .map(|n| (None, n.to_string()))
        .collect();
        assert_eq!(titles(&text), want);
        // Said only twice (a table of contents and the heading), a line is a heading.
        let mut text = String::from("Two picks\n\n");
        let names = ["Alpha Hut", "Beta Lodge", "Gamma Inn"];
        for name in names {
            text.push_str(&format!("{name}\n"));
        }
        for name in names {
            text.push_str(&format!("\n{name}\n\n{name} is a place to stay. {MORE}\n"));
        }
        let want: Vec<(Option<i64>, String)> =
            names.iter().map(|n| (None, n.to_string())).collect();
        assert_eq!(titles(&text), want);
    }

    /// Numbered paragraphs are items whatever their length when their first sentence could
    /// be a title; a long paragraph that goes on counting after a run of short heads (a
    /// comment below the article) is not one of them, nor in a page is a head in another
    /// container than the run it would continue.
    #[test]
    fn long_numbered_paragraphs_are_items_but_not_a_comment_that_goes_on_counting() {
        const MORE: &str = "The rest of the paragraph goes on about it at length, with \
            quotes from the people involved and what happens next, far past any heading.";
        let item = |n: usize| format!("{n}. Story number {n} is today's news. {MORE}\n\n");
        let text = format!(
            "Five things today\n\n{}",
            (1..=5).map(item).collect::<String>()
        );
        let want: Vec<(Option<i64>, String)> = (1..=5)
            .map(|n| (Some(n), format!("Story number {n} is today's news. {MORE}")))
            .collect();
        assert_eq!(titles(&text), want);
        // Four short numbered heads, then a comment that starts "5." and runs on.
        let short = |n: usize| {
            format!(
                "Mistake #{n}: Name {n}\n\nWhat goes wrong with name {n}, and what to do about it instead.\n\n"
            )
        };
        let text = format!(
            "Four mistakes\n\n{}Comments\n\nMistake #5: for each in (A, B): and then {MORE}\n",
            (1..=4).map(short).collect::<String>()
        );
        let want: Vec<(Option<i64>, String)> =
            (1..=4).map(|n| (Some(n), format!("Name {n}"))).collect();
        assert_eq!(titles(&text), want);
        // In a page, a short head in a comment box does not join the article's headings.
        let html = format!(
            "<html><head><title>Four mistakes</title></head><body><article>{}</article>\
             <section><p>Mistake #5: Another one</p><p>Nice list!</p></section></body></html>",
            (1..=4)
                .map(|n| format!(
                    "<h2>Mistake #{n}: Name {n}</h2><p>What goes wrong with name {n}.</p>"
                ))
                .collect::<String>()
        );
        assert_eq!(html_titles(&html), want);
    }

    /// A list that counts past 999 keeps every item (markers of four digits and more were
    /// not read, and such a list stopped at 999); lines that start with years are still not
    /// a list, nor are years after a list.
    #[test]
    fn lists_that_count_past_999_keep_every_item() {
        // The first entry that differs, not twelve hundred of them.
        let same = |got: Vec<(Option<i64>, String)>, want: Vec<(Option<i64>, String)>| {
            let k = got.iter().zip(&want).position(|(g, w)| g != w);
            assert_eq!(k.map(|k| (&got[k], &want[k])), None);
            assert_eq!(got.len(), want.len());
        };
        let songs = |ranks: &mut dyn Iterator<Item = i64>| -> Vec<(Option<i64>, String)> {
            ranks.map(|n| (Some(n), format!("Song {n}"))).collect()
        };
        let page = |items: String| {
            format!(
                "<html><head><title>The 1001 best songs</title></head><body><article><h1>The \
                 1001 best songs</h1>{items}</article></body></html>"
            )
        };
        let item = |n: usize| format!("{n}. Song {n}\n\nWhy song {n} is on the list.\n\n");
        let text = format!(
            "The 1200 best songs\n\n{}",
            (1..=1200).map(item).collect::<String>()
        );
        let want = songs(&mut (1..=1200));
        same(titles(&text), want);
        // Counting down, as headings in a page.
        let html = page(
            (1..=1001)
                .rev()
                .map(|n| format!("<h2>{n}. Song {n}</h2><p>Why song {n} is here.</p>"))
                .collect::<String>(),
        );
        let want = songs(&mut (1..=1001).rev());
        same(html_titles(&html), want);
        // Years alone are a timeline; after a list they are not more of its items.
        let year = |y: usize| format!("{y}. A year\n\nWhat happened in {y}, at some length.\n\n");
        let timeline = format!(
            "Our story\n\n{}",
            (1990..=1995).map(year).collect::<String>()
        );
        assert_eq!(titles(&timeline), vec![]);
        let text = format!(
            "Three songs\n\n{}{}",
            (1..=3).map(item).collect::<String>(),
            (1998..=2000).map(year).collect::<String>()
        );
        let want = songs(&mut (1..=3));
        same(titles(&text), want);
        // Numbers on lines of their own above the names, and badges above headings.
        let item = |n: usize| {
            format!("{n}\n\nSong {n}\n\nWhy song {n} is on the list, in a sentence.\n\n")
        };
        let text = format!(
            "The 1200 best songs\n\n{}",
            (1..=1200).map(item).collect::<String>()
        );
        let want = songs(&mut (1..=1200));
        same(titles(&text), want);
        let badge = |n: usize| {
            format!(
                "<div>{n}</div><h2>Song {n}</h2><p>Why song {n} is here, in a long sentence.</p>"
            )
        };
        let html = page((1..=1001).map(badge).collect());
        let want = songs(&mut (1..=1001));
        same(html_titles(&html), want);
        // `#` markers too, and the list may start anywhere below 1000.
        let hashed = |n: i64| format!("#{n} Song {n}\n\nWhy song {n} is on the list.\n\n");
        let text = format!("Songs\n\n{}", (997..=1002).map(hashed).collect::<String>());
        same(titles(&text), songs(&mut (997..=1002)));
        // Years on lines of their own over a sentence each are a timeline too.
        let year = |y: usize| format!("{y}\n\nA year\n\nWhat happened in {y}, in a sentence.\n\n");
        let timeline = format!(
            "Our story\n\n{}",
            (1990..=1995).map(year).collect::<String>()
        );
        assert_eq!(titles(&timeline), vec![]);
    }

    /// A number on a line of its own sets the name below it apart, as a bullet does: a
    /// sentence under the name will do as its text (a heading line alone needs a paragraph
    /// twice as long as itself and over 120 bytes).
    #[test]
    fn a_number_on_its_own_line_heads_a_name_over_a_sentence() {
        let names = [
            "Harbour Lights",
            "Copper Trail",
            "Night Market",
            "Orchard Keepers",
        ];
        let text: String = names
            .iter()
            .enumerate()
            .map(|(k, n)| {
                format!(
                    "{:02}\n\n{n}\n\nA game we play on long winter evenings, with friends.\n\n",
                    k + 1
                )
            })
            .collect();
        let want: Vec<(Option<i64>, String)> = (1..)
            .zip(names)
            .map(|(k, n)| (Some(k), n.to_string()))
            .collect();
        assert_eq!(titles(&format!("Board games\n\n{text}")), want);
        // An intro set out as a heading line, with no number above it as every item has, is
        // no item, and the numbers still rank the rest.
        let intro = "Four more board games\n\nThe second part of our series picks up where the \
            first left off, with four more boxes that come off the shelf again and again.\n\n";
        assert_eq!(titles(&format!("Board games\n\n{intro}{text}")), want);
        // The last of a column of numbers (an empty form's) does not set the line below apart.
        let lines = |form: &str| {
            let doc = crate::blocks::text::blocks(form);
            let reps = Repeats::new(&doc.blocks);
            (0..doc.blocks.len())
                .filter(|&i| is_text_heading_line(&doc.blocks, i, &reps))
                .map(|i| doc.blocks[i].text.clone())
                .collect::<Vec<_>>()
        };
        let below = "Save Changes\n\nOnce saved, the links will no longer update.\n";
        assert_eq!(lines(&format!("Links\n\n3.\n\n{below}")), ["Save Changes"]);
        assert!(lines(&format!("Links\n\n1.\n\n2.\n\n3.\n\n{below}")).is_empty());
        // Without the numbers, such short lines are no headings.
        let bare: String = names
            .iter()
            .map(|n| format!("{n}\n\nA game we play on long winter evenings, with friends.\n\n"))
            .collect();
        assert_eq!(titles(&format!("Board games\n\n{bare}")), vec![]);
    }

    /// An item whose text names the one before it is no recap of the others for naming a
    /// title that is only the start of a longer number (`level 1` in `level 12`).
    #[test]
    fn a_title_in_a_longer_number_is_not_named() {
        let html = format!(
            "<html><head><title>Twelve levels</title></head><body><article><h1>Twelve \
             levels</h1>{}</article></body></html>",
            (1..=12)
                .map(|n| format!(
                    "<h2>Level {n}</h2><p>Level {n} comes after level {}, and is harder.</p>",
                    n - 1
                ))
                .collect::<String>()
        );
        let want: Vec<(Option<i64>, String)> =
            (1..=12).map(|n| (None, format!("Level {n}"))).collect();
        assert_eq!(html_titles(&html), want);
    }

    /// Stray bullets (an `<li>` outside any list, a "• " line between a list's items) and a
    /// marked-up list that together hold the promised count are not a sectioned list: they
    /// are not in consecutive sections. A property test had found these panicking.
    #[test]
    fn stray_bullets_around_a_list_are_not_sections_of_it() {
        let titled = |body: &str| {
            format!("<html><head><title>7 Things</title></head><body>{body}</body></html>")
        };
        let item = |name: &str| format!("<li><strong>{name}</strong> is one of them all.</li>");
        let list: String = ["Alpha", "Beta", "Gamma", "Delta"].map(item).concat();
        let before = titled(&format!(
            "<li>One thing</li><li>Two things</li><li>Three things</li><ul>{list}</ul>"
        ));
        let names: Vec<String> = html_titles(&before).into_iter().map(|t| t.1).collect();
        let said = |names: &[&str]| -> Vec<String> {
            names
                .iter()
                .map(|n| format!("{n} is one of them all."))
                .collect()
        };
        assert_eq!(names, said(&["Alpha", "Beta", "Gamma", "Delta"]));
        let inside = titled(&format!(
            "<ul>{list}<p>• Side one</p><p>• Side two</p>{}</ul>",
            item("Epsilon")
        ));
        let names: Vec<String> = html_titles(&inside).into_iter().map(|t| t.1).collect();
        assert_eq!(names, said(&["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]));
    }

    /// An unmarked list item is the whole item with every block inside it: a second paragraph
    /// and a nested list are its body, up to the next item.
    #[test]
    fn an_unmarked_list_item_keeps_the_blocks_inside_it() {
        let doc = crate::blocks::html::blocks(
            "<html><head><title>3 games</title></head><body><h1>3 games</h1><ul>\
             <li><p><strong>Alpha:</strong> A game about the first letter, and more.</p><p>Players: 2</p></li>\
             <li><strong>Beta:</strong> A game about the second letter, and more.<ul><li>Fast</li><li>Cheap</li></ul></li>\
             <li><strong>Gamma:</strong> A game about the third letter, and more.</li>\
             </ul><p>That is all for today, and thanks for reading.</p></body></html>",
        );
        assert_eq!(
            bodies(&doc),
            [
                vec!["Players: 2"],
                vec!["Fast", "Cheap"],
                Vec::<&str>::new()
            ]
        );
    }

    /// Bullet lists under their own headings that add up to the title's count are one list;
    /// not when they add up to another number, nor when one section holds two lists.
    #[test]
    fn lists_under_sections_make_the_promised_list() {
        let page = |title: &str, sections: &[&[&str]]| {
            let mut s =
                format!("# {title}\n\nA few habits make a real difference to the bill.\n\n");
            for (k, lists) in sections.iter().enumerate() {
                s += &format!(
                    "## Part {}\n\nWhy this part matters, in a sentence or two.\n\n",
                    k + 1
                );
                for list in lists.split(|x| x.is_empty()) {
                    for item in list {
                        s += &format!("- {item}\n");
                    }
                    s += "\nA paragraph between lists.\n\n";
                }
            }
            s + "## The bottom line\n\nSmall changes add up.\n"
        };
        let parts: [&[&str]; 3] = [
            &["Shop with a list", "Buy store brands"],
            &[
                "Plan meals on Sunday",
                "Cook once, eat twice",
                "Freeze leftovers",
            ],
            &["Compare prices online", "Use loyalty coupons"],
        ];
        let got = titles(&page("7 Ways to Save on Groceries", &parts));
        assert_eq!(got.len(), 7);
        assert_eq!(got[2], (None, "Plan meals on Sunday".to_string()));
        assert_eq!(got[6], (None, "Use loyalty coupons".to_string()));
        assert_eq!(titles(&page("8 Ways to Save on Groceries", &parts)), vec![]);
        // Pros and cons: two lists in one section are not parts of the list.
        let two: [&[&str]; 2] = [
            &["Light", "Cheap", "", "Slow", "Loud"],
            &["Fast", "Quiet", "", "Heavy", "Dear"],
        ];
        assert_eq!(titles(&page("8 Things We Noticed", &two)), vec![]);
        // A list before the article's own sections and one after them ("Key takeaways",
        // "Sources") are not one list, even when they add up to the count: the sections are.
        let mut text = String::from(
            "# 5 Reasons to Learn the Cello\n\n## Key takeaways\n\n- Never too late\n- Huge repertoire\n- Orchestras need you\n\n",
        );
        for k in 1..=5 {
            text += &format!(
                "## Reason number {k}\n\nWhy reason {k} matters, told over a few sentences of text.\n\n"
            );
        }
        text += "## Sources\n\n- A study of players\n- Teachers in three cities\n";
        let got = titles(&text);
        assert_eq!(got.len(), 5);
        assert_eq!(got[0].1, "Reason number 1");
    }

    /// Labels over short values (`Founded: 1821`) are a box of facts, not a list, when the
    /// title promises none; labels over descriptions are named items.
    #[test]
    fn a_box_of_facts_is_not_a_list() {
        let page = |pairs: &[(&str, &str)]| {
            let items: String = pairs
                .iter()
                .map(|(l, v)| format!("<li><strong>{l}:</strong> {v}</li>"))
                .collect();
            format!(
                "<html><head><title>The town that rebuilt its bridge</title></head><body><main><h1>The town that rebuilt its bridge</h1><p>For forty years the old bridge carried farmers over the river, until a flood took it away.</p><ul>{items}</ul><p>The council voted to rebuild it, and the work took three summers.</p></main></body></html>"
            )
        };
        let facts = [
            ("Founded", "1821"),
            ("Population", "4,200"),
            ("River", "Elbe"),
            ("Mayor", "Karin Holt"),
        ];
        assert_eq!(html_titles(&page(&facts)), vec![]);
        let doc = crate::blocks::html::blocks(&page(&facts));
        assert_eq!(
            segment(&doc).candidates[0].reason,
            "rejected: the title promises no list of 4, and the items are labels over short \
             values (a box of facts)"
        );
        let named = [
            ("Alder", "a small tree that stays small in a town garden"),
            ("Birch", "white bark and light shade all summer long"),
            ("Cedar", "slow to grow but worth the wait in the end"),
            ("Daphne", "a shrub with a scent you notice from the gate"),
        ];
        assert_eq!(html_titles(&page(&named)).len(), 4);
    }

    /// Emoji bullets (`✅ x`, `👉 x`, `➡️ x`) are bullets; dingbat digits (`❶`) stay ranks.
    #[test]
    fn emoji_bullets_are_bullets() {
        let text = "3 habits for calm mornings\n\nWhat works for me:\n\n✅ Wake at the same time\n👉 Drink water first\n➡️ Walk outside\n\nWhat would you add?\n";
        assert_eq!(
            titles(text),
            vec![
                (None, "Wake at the same time".to_string()),
                (None, "Drink water first".to_string()),
                (None, "Walk outside".to_string()),
            ]
        );
        let text = "3 Habits\n\n❶ Wake early\n\nText about it.\n\n❷ Drink water\n\nText about it.\n\n❸ Walk outside\n\nText about it.\n";
        let ranks: Vec<Option<i64>> = titles(text).into_iter().map(|t| t.0).collect();
        assert_eq!(ranks, vec![Some(1), Some(2), Some(3)]);
    }

    /// Numbered steps inside an item (`1.`, `2.` on lines of their own under item 4) do not
    /// join a countdown that skips to them.
    #[test]
    fn numbered_steps_inside_an_item_stay_inside_it() {
        let text = "5 Bread Mistakes\n\nIntro to the list.\n\n5. Young starter\n\nWait until it doubles.\n\n4. Little salt\n\nUse two percent:\n1. Weigh the flour.\n2. Take two percent of it.\n\n3. Cold kitchen\n\nUse the oven light.\n\n2. Cutting early\n\nWait an hour.\n\n1. Giving up\n\nEvery loaf teaches you.\n";
        let want: Vec<(Option<i64>, String)> = [
            (5, "Young starter"),
            (4, "Little salt"),
            (3, "Cold kitchen"),
            (2, "Cutting early"),
            (1, "Giving up"),
        ]
        .iter()
        .map(|(r, t)| (Some(*r), t.to_string()))
        .collect();
        assert_eq!(titles(text), want);
    }

    /// After the last item, a line set apart like a heading ("Honorable mentions") ends it
    /// when no other item has such a line.
    #[test]
    fn a_line_set_apart_ends_the_last_item() {
        let text = "5 Bread Mistakes\n\nIntro to the list.\n\n5. Young starter\n\nWait until it doubles.\n\n4. Little salt\n\nUse two percent:\n- Weigh the flour.\n- Take two percent of it.\n\n3. Cold kitchen\n\nUse the oven light.\n\n2. Cutting early\n\nWait an hour.\n\n1. Giving up\n\nEvery loaf teaches you.\n\nHonorable mentions\n\n- Measuring by volume\n- Forgetting to score\n";
        let doc = crate::blocks::text::blocks(text);
        let seg = segment(&doc);
        let last = seg.entries.last().unwrap();
        let body: Vec<&str> = doc.blocks[last.body.clone()]
            .iter()
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(body, vec!["Every loaf teaches you."]);
        assert_eq!(seg.entries.len(), 5);
    }

    /// Sections that all carry labelled lines of the same labels (`Price:`) are items, even a
    /// few of them with no count in the title; an intro or outro section with none of those
    /// labels ("Why trust us", "FAQ") is not one, unless the title promises that many.
    #[test]
    fn sections_without_the_items_labelled_lines_are_intros_and_outros() {
        let facts = "<p><b>Price:</b> $140</p><p><b>Weight:</b> 9 oz</p>";
        let shop = "<p><a href='https://shop.example/x'>Buy at Shopco</a></p>";
        let with = |title: &str, names: &[&str], traits: &str| {
            let mut html = format!(
                "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
                 <p>We tried them all for a month.</p><h3>Why trust us</h3>\
                 <p>Our team has tested gear for a decade.</p>"
            );
            for n in names {
                html.push_str(&format!(
                    "<h3>{n}</h3><p>A fine choice for most people.</p>{traits}"
                ));
            }
            html.push_str(
                "<h3>How we chose</h3><p>We ran thirty miles in each pair.</p>\
                 <h3>FAQ</h3><p><b>How often to replace them?</b> Every 400 miles.</p>\
                 </article></body></html>",
            );
            html
        };
        let page = |title: &str, names: &[&str]| with(title, names, facts);
        let names = [
            "Brooks Ghost",
            "Hoka Clifton",
            "Asics Novablast",
            "Nike Pegasus",
        ];
        let got: Vec<String> = html_titles(&page("Best Running Shoes", &names))
            .into_iter()
            .map(|t| t.1)
            .collect();
        assert_eq!(got, names);
        // The title promises seven: the seven sections stay.
        assert_eq!(html_titles(&page("7 Best Running Shoes", &names)).len(), 7);
        // The same call to action under every product is shared as labels are.
        let got: Vec<String> = html_titles(&with("Best Running Shoes", &names, shop))
            .into_iter()
            .map(|t| t.1)
            .collect();
        assert_eq!(got, names);
    }

    /// `entries` finds what `segment` finds, without the candidates' account, on every
    /// fixture.
    #[test]
    fn entries_alone_are_the_entries_of_the_full_account() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut seen = 0;
        for f in std::fs::read_dir(dir).unwrap() {
            let bytes = std::fs::read(f.unwrap().path()).unwrap();
            let d = crate::ingest::decode::decode(&bytes, None).unwrap();
            let doc = crate::reduce(&d.text, d.format);
            let (full, alone) = (segment(&doc), entries(&doc));
            assert_eq!(alone.entries, full.entries);
            assert_eq!(alone.taglines, full.taglines);
            assert!(alone.candidates.is_empty());
            seen += usize::from(!full.candidates.is_empty());
        }
        assert!(seen >= 30, "{seen} fixtures with candidates");
    }

    /// When the items' heads have their text right under them (no blank line), a closing
    /// heading line set out the same way ends the last item; a line the page repeats between
    /// items ("Advertisement") is no such heading, in the last item or the others.
    #[test]
    fn a_closing_heading_set_out_like_the_items_heads_ends_the_last_item() {
        let mut text = String::from("4 Trails\n\nOur picks.\n\n");
        for (k, n) in ["Falcon Loop", "Lost Creek", "Guanella Pass"]
            .iter()
            .enumerate()
        {
            text.push_str(&format!(
                "{}) {n}\nDistance: 4 miles\nA fine walk with views.\nGo early in the day.\n\nAdvertisement\n\n",
                k + 1
            ));
        }
        text.push_str("4) Maroon Bells\nDistance: 3 miles\nFamous peaks.\n\nFinal thoughts\nGo on a weekday.\n");
        let doc = crate::blocks::text::blocks(&text);
        assert_eq!(
            bodies(&doc).pop().unwrap(),
            ["Distance: 3 miles", "Famous peaks."]
        );
        // With blank lines under the heads, a closing line with its text right under it is
        // not set out like them, and the length of the others decides.
        let loose = text
            .replace("\nDistance", "\n\nDistance")
            .replace("Advertisement\n\n", "");
        let doc = crate::blocks::text::blocks(&loose);
        assert_eq!(
            bodies(&doc).pop().unwrap(),
            ["Distance: 3 miles", "Famous peaks.", "Final thoughts"]
        );
    }

    /// Past the length of the longest other item, the last item keeps the labelled lines of
    /// labels the other items have (`Price:`), not the page's own after it (`Images:`).
    #[test]
    fn the_last_item_keeps_only_labelled_lines_the_others_share() {
        let list = |others: &str, last: &str| {
            let mut t = String::from("4 Kitchen Tools\n\nIntro to the list.\n\n");
            for (n, name) in ["Whisk", "Ladle", "Tongs"].iter().enumerate() {
                t.push_str(&format!("{}. {name}\n\nA sturdy pick.{others}\n\n", n + 1));
            }
            t.push_str(&format!(
                "4. Grater\n\nA sturdy pick.{last}\nImages: Jane Roe, Al Doe\n"
            ));
            bodies(&crate::blocks::text::blocks(&t)).pop().unwrap()
        };
        assert_eq!(list("", ""), ["A sturdy pick."]);
        // When the others have prices, the last one's price stays and the credit goes.
        assert_eq!(
            list("\nPrice: $12", "\nShe uses it daily.\nPrice: $9"),
            ["A sturdy pick.", "She uses it daily.", "Price: $9"]
        );
    }

    /// Past the length of the longest other item, the last item still keeps the sentences
    /// that go on its paragraph (no blank line between, in text whose heads blank lines set
    /// apart); a paragraph after a blank line is the article's again.
    #[test]
    fn the_last_item_keeps_the_rest_of_its_paragraph() {
        let list = |last: &str| {
            let mut t = String::from("4 Records\n\nThe ones that will stand.\n\n");
            for (n, name) in ["Most points", "Longest streak", "Most wins"]
                .iter()
                .enumerate()
            {
                t.push_str(&format!("{}. {name}\n\nA mark set long ago.\n\n", n + 1));
            }
            t.push_str(&format!("4. Best average\n\n{last}"));
            bodies(&crate::blocks::text::blocks(&t)).pop().unwrap()
        };
        assert_eq!(
            list("99.94 was his average.\nThe next best is about 61.\n"),
            ["99.94 was his average.", "The next best is about 61."]
        );
        assert_eq!(
            list("99.94 was his average.\n\nThanks for reading.\n"),
            ["99.94 was his average."]
        );
        // Under a line that ends no sentence, the line is not the same paragraph's.
        assert_eq!(
            list("99.94 was his average\nThanks for reading.\n"),
            ["99.94 was his average"]
        );
    }

    /// When the title's count leaves one section over, a section of nothing but links ("You
    /// might also like") is the one dropped, wherever it is.
    #[test]
    fn a_section_of_links_is_not_an_item() {
        let card = |n: &str, extra: &str| {
            format!(
                "<div class=\"card\"><h3>{n}</h3><p>by A. Writer</p><p>A short account of a gentle mystery.</p>{extra}</div>"
            )
        };
        let names = [
            "Alpha Lane",
            "Birch Hollow",
            "Cedar Point",
            "Dune Road",
            "Elm Court",
        ];
        let cards: String = names
            .iter()
            .enumerate()
            .map(|(k, n)| {
                card(
                    n,
                    if k == 0 {
                        "<p>Advertisement: our sponsor sells good tea and biscuits.</p>"
                    } else {
                        ""
                    },
                )
            })
            .collect();
        let html = format!(
            "<html><head><title>5 Cozy Mysteries</title></head><body><div><h1>5 Cozy Mysteries</h1><p>Gentle whodunits for a quiet evening at home.</p>{cards}<h3>You might also like</h3><ul><li><a href=\"/a\">Fifteen thrillers for long winter nights</a></li><li><a href=\"/b\">The best audiobooks of the year so far</a></li></ul></div></body></html>"
        );
        let got: Vec<String> = html_titles(&html).into_iter().map(|t| t.1).collect();
        assert_eq!(got, names);
    }

    /// A list item of several blocks is one item: its first block names it (a heading, a bold
    /// paragraph or a numbered line), the rest is its text; an ordered list numbers it.
    #[test]
    fn a_list_item_of_several_blocks_is_one_item() {
        let names = ["Alder", "Birch", "Cedar", "Daphne", "Elm"];
        let item = |open: &str, close: &str, n: &str| {
            format!(
                "<li>{open}{n}{close}<p>A paragraph about the {n} tree, long enough to read as text of its own.</p></li>"
            )
        };
        let page = |list: &str, open: &str, close: &str| {
            let items: String = names.iter().map(|n| item(open, close, n)).collect();
            format!(
                "<html><head><title>Trees for a small garden</title></head><body><main><h1>Trees for a small garden</h1><p>Some trees stay small enough for a town garden, and these are the ones we grow.</p><{list}>{items}</{}></main></body></html>",
                &list[..2]
            )
        };
        let want = |ranked: bool| -> Vec<(Option<i64>, String)> {
            names
                .iter()
                .enumerate()
                .map(|(k, n)| (ranked.then_some(k as i64 + 1), n.to_string()))
                .collect()
        };
        assert_eq!(
            html_titles(&page("ul", "<p><strong>", "</strong></p>")),
            want(false)
        );
        assert_eq!(
            html_titles(&page("ol", "<p><strong>", "</strong></p>")),
            want(true)
        );
        assert_eq!(html_titles(&page("ol", "<h3>", "</h3>")), want(true));
        assert_eq!(
            html_titles(&page("ol start=\"3\"", "<h3>", "</h3>"))
                .iter()
                .map(|t| t.0)
                .collect::<Vec<_>>(),
            vec![Some(3), Some(4), Some(5), Some(6), Some(7)]
        );
    }

    #[test]
    fn an_edge_section_that_does_not_name_its_title_when_the_others_do_is_dropped() {
        let items = "## Alpha Chips\nAlpha chips are crisp and salted just right.\n\n\
            ## Beta Pizza\nBeta pizza has a thin crust and good cheese on top.\n\n\
            ## Gamma Puffs\nGamma puffs melt in the mouth, and they are cheap.\n\n\
            ## Delta Bark\nDelta bark is dark chocolate with coffee in it.\n\n\
            ## Epsilon Nuts\nEpsilon nuts are roasted with honey and a little salt.\n\n";
        const FIVE: [&str; 5] = [
            "Alpha Chips",
            "Beta Pizza",
            "Gamma Puffs",
            "Delta Bark",
            "Epsilon Nuts",
        ];
        let outro = "## Where to shop\nMost big stores stock them all year round.\n";
        let reason = |text: &str| {
            let seg = segment(&crate::blocks::text::blocks(text));
            let chosen = seg.candidates.iter().find(|c| c.chosen).unwrap();
            let heads: Vec<String> = seg.entries.iter().map(|e| e.heading.clone()).collect();
            (heads, chosen.reason.clone())
        };
        let (heads, why) = reason(&format!("# Snacks we liked\n\nIntro.\n\n{items}{outro}"));
        assert_eq!(heads, FIVE);
        assert!(
            why.contains("dropped outro (its title is not named in its own text)"),
            "{why}"
        );
        // The same at the start: an intro.
        let (heads, why) = reason(&format!(
            "# Snacks we liked\n\n## Why we tried them\nA long winter called for comfort food.\n\n{items}"
        ));
        assert_eq!(heads, FIVE);
        assert!(
            why.contains("dropped intro (its title is not named in its own text)"),
            "{why}"
        );
        // When fewer than three in four of the others name their titles (three of five), it
        // stays.
        let plain = items
            .replace("Alpha chips are", "These crisps are")
            .replace("Beta pizza has", "It has");
        let (heads, _) = reason(&format!("# Snacks we liked\n\nIntro.\n\n{plain}{outro}"));
        assert_eq!(heads.len(), 6, "{heads:?}");
    }

    #[test]
    fn a_heading_line_that_every_item_repeats_is_part_of_the_item() {
        // Each numbered item has a one-word type line and a "Verdict" line over its text, as
        // heading lines; they come again under every item, so they do not end it.
        const FARES: &str = "finds low fares on long trips planned well ahead, and does less well on \
            short notice, when its prices rise from one screen to the next.";
        const WORTH: &str = "is worth a look for trips planned months ahead of time, and less so for \
            a weekend away booked on the Thursday before it.";
        let item = |n: usize, name: &str, kind: &str| {
            format!(
                "#{n}: {name}\n\n{kind}\n\n{name} {FARES}\n\nVerdict\n\n{name} {WORTH}\n\n\
                 Pros: Good fares.\n\n"
            )
        };
        let text = format!(
            "The four best fare sites\n\nWe tested every site on the same trips.\n\n{}{}{}{}",
            item(4, "Alpha", "Agency"),
            item(3, "Beta", "Agency"),
            item(2, "Gamma", "Search"),
            item(1, "Delta", "Search"),
        );
        let doc = crate::blocks::text::blocks(&text);
        let seg = segment(&doc);
        let heads: Vec<(Option<i64>, &str)> = seg
            .entries
            .iter()
            .map(|e| (e.rank, e.heading.as_str()))
            .collect();
        assert_eq!(
            heads,
            [
                (Some(4), "Alpha"),
                (Some(3), "Beta"),
                (Some(2), "Gamma"),
                (Some(1), "Delta")
            ]
        );
        let body: Vec<&str> = doc.blocks[seg.entries[1].body.clone()]
            .iter()
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(
            body,
            [
                "Agency".to_string(),
                format!("Beta {FARES}"),
                "Verdict".to_string(),
                format!("Beta {WORTH}"),
                "Pros: Good fares.".to_string()
            ]
        );
    }

    #[test]
    fn subheadings_after_the_last_item_end_the_list() {
        let text = "# Four snacks we liked\n\nIntro.\n\n\
            ## Alpha Chips\nAlpha chips are crisp and salted just right.\n\n\
            ## Beta Pizza\nBeta pizza has a thin crust and good cheese.\n\n\
            ## Gamma Puffs\nGamma puffs melt in the mouth, and they are cheap.\n\n\
            ## Delta Bark\nDelta bark is dark chocolate with coffee in it.\n\n\
            ### Around the site\n\n#### Teaser one\n\n#### Teaser two\n\n\
            ## Privacy settings\n\n### Your choices\nWe store things about your visit.\n";
        let doc = crate::blocks::text::blocks(text);
        let seg = segment(&doc);
        let heads: Vec<&str> = seg.entries.iter().map(|e| e.heading.as_str()).collect();
        assert_eq!(
            heads,
            ["Alpha Chips", "Beta Pizza", "Gamma Puffs", "Delta Bark"]
        );
        let chosen = seg.candidates.iter().find(|c| c.chosen).unwrap();
        assert!(
            chosen
                .reason
                .contains("dropped outro (subheadings come before it and between no other items)"),
            "{}",
            chosen.reason
        );
        let last = seg.entries.last().unwrap();
        let body: Vec<&str> = doc.blocks[last.body.clone()]
            .iter()
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(body, ["Delta bark is dark chocolate with coffee in it."]);
    }

    #[test]
    fn bold_parts_of_a_review_of_one_thing_are_not_a_list() {
        let parts = ["Intro", "Shape", "Flex", "Weight", "Powder", "Groomers"];
        let review: String = parts
            .iter()
            .map(|p| {
                format!(
                    "**{p}**\n\nOn {p}, the Zephyr does well; the Zephyr is light and easy.\n\n"
                )
            })
            .collect();
        let doc = crate::blocks::text::blocks(&format!("The Zephyr Ski Review\n\n{review}"));
        let seg = segment(&doc);
        assert!(seg.entries.is_empty());
        assert!(seg.candidates.iter().any(|c| c.reason
            == "rejected: the sections are parts of one article about one thing ('Zephyr' from the title is named throughout them)"));
        // The same shape about different things is a list.
        let list: String = parts
            .iter()
            .map(|p| format!("**{p}**\n\nThe {p} is light and easy, and cheap as well.\n\n"))
            .collect();
        let doc = crate::blocks::text::blocks(&format!("The Zephyr Ski Picks\n\n{list}"));
        assert_eq!(segment(&doc).entries.len(), 6);
    }

    #[test]
    fn number_words_by_language() {
        assert_eq!(
            number_words("Seven Wonders, a five-step plan", None),
            [7, 5]
        );
        assert_eq!(
            number_words("Elf Ideen für den Herbst", None),
            Vec::<i64>::new()
        );
        assert_eq!(
            number_words("Elf Ideen für den Herbst", Some("de-DE")),
            [11]
        );
        assert_eq!(number_words("Les dix-sept secrets", Some("fr")), [17]);
        assert_eq!(number_words("Once upon a time", None), Vec::<i64>::new());
        assert_eq!(number_words("Las once mejores playas", Some("es")), [11]);
        assert_eq!(
            number_words("Пять причин поехать в Казань", Some("ru")),
            [5]
        );
        assert_eq!(number_words("ДВЕНАДЦАТЬ фильмов", Some("ru-RU")), [12]);
    }

    proptest::proptest! {
        /// The shortcut answers exactly as folding the whole text does.
        #[test]
        fn folded_holds_is_exact(
            raw in "([a-eA-E]{1,4}|[ '’.,-]{1,60}|[a-e ]{1,40}|\u{212a}|\u{130}|é|É){0,60}",
            title in "[a-e ]{1,12}",
        ) {
            holds_as_whole_fold_does(&raw, &title)?;
        }

        /// The same, where the title's words stand far apart in the raw text with only
        /// punctuation between them, beyond any window.
        #[test]
        fn folded_holds_is_exact_across_long_gaps(
            pre in "[a-cA-C .]{0,100}",
            a in "[a-c]{1,4}",
            gap in "[ .,'-]{1,300}",
            b in "[a-c]{1,4}",
            post in "[a-c .]{0,100}",
        ) {
            holds_as_whole_fold_does(&format!("{pre}{a}{gap}{b}{post}"), &format!("{a} {b}"))?;
        }
    }

    proptest::proptest! {
        /// The same, with apostrophes inside the words (folding drops them), on both sides of
        /// the letter that is looked for.
        #[test]
        fn folded_holds_is_exact_with_apostrophes_in_words(
            raw in "([a-eA-E]{1,3}['’]{0,2}[a-eA-E]{1,3}['’]?[a-eA-E]{0,3}[ .,]{1,2}){0,12}",
            title in "[a-e]{2,7}( [a-e]{1,5})?",
        ) {
            holds_as_whole_fold_does(&raw, &title)?;
        }
    }

    /// [`folded_holds`] answers for `raw` and `title` (folded here) as folding all of `raw`
    /// does.
    fn holds_as_whole_fold_does(
        raw: &str,
        title: &str,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let title = crate::extract::fold(title);
        let whole = crate::extract::fold(raw);
        proptest::prop_assert_eq!(
            folded_holds(raw, &title, longest_word(&title), || whole.as_str()),
            whole.contains(title.as_str()),
            "{:?} {:?}",
            raw,
            title
        );
        Ok(())
    }

    #[test]
    fn repeats_count_each_short_text_by_text_and_by_place() {
        let long = "A long paragraph. ".repeat(8);
        let text = format!("Share\n\nOne\n\nShare\n\n{long}\n\nShare\n\nOne\n\n{long}\n");
        let doc = crate::reduce(&text, crate::Format::Text);
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Share",
                "One",
                "Share",
                long.trim(),
                "Share",
                "One",
                long.trim()
            ]
        );
        let reps = Repeats::new(&doc.blocks);
        let at: Vec<u8> = (0..doc.blocks.len())
            .map(|i| reps.short_count_at(i))
            .collect();
        // The long paragraph is past FURNITURE bytes: not counted, though it comes twice.
        assert_eq!(at, [3, 2, 3, 0, 3, 2, 0]);
        for (i, b) in doc.blocks.iter().enumerate() {
            assert_eq!(reps.short_count(&b.text), at[i], "{}", b.text);
        }
        assert_eq!(reps.short_count("Elsewhere"), 0);
        let furniture: Vec<bool> = (0..doc.blocks.len()).map(|i| reps.furniture(i)).collect();
        assert_eq!(furniture, [true, false, true, false, true, false, false]);
        assert!(reps.recurs(long.trim()) && reps.recurs("One") && !reps.recurs("Two"));
    }

    #[test]
    fn bare_numbers_are_a_number_and_nothing_else() {
        for (t, n) in [
            ("7", 7),
            ("07", 7),
            ("7.", 7),
            ("#7", 7),
            ("No. 7", 7),
            ("Nº 12", 12),
            (" 12.  ", 12),
            ("3 of 10\u{a0}", 3),
        ] {
            assert_eq!(bare_number(t), Some(n), "{t}");
        }
        let long = format!("A paragraph with 7 in it. {}", "Word ".repeat(200));
        for t in [
            "2019", "9.5", "7a", "#", "", "No.", "7 days", "$7", "1234", "7 or 8.", &long,
        ] {
            assert_eq!(bare_number(t), None, "{t}");
        }
    }

    #[test]
    fn number_badges_above_headings_must_run_one_way() {
        let doc = |badges: [&str; 3]| {
            let mut html = String::from("<title>Shoes</title><h1>Shoes</h1><p>Intro.</p>");
            for (k, b) in badges.iter().enumerate() {
                html += &format!(
                    "<div>{b}</div><h3>Shoe {k}</h3><p>A long enough paragraph about shoe number {k}.</p>"
                );
            }
            crate::reduce(&html, crate::Format::Html)
        };
        let heads = |d: &Blocks| -> Vec<usize> {
            (0..d.blocks.len())
                .filter(|&i| matches!(d.blocks[i].kind, Kind::Heading(3)))
                .collect()
        };
        let d = doc(["01", "02", "03"]);
        assert_eq!(lead_ranks(&d.blocks, &heads(&d)), Some(vec![1, 2, 3]));
        let d = doc(["#3", "#2", "#1"]);
        assert_eq!(lead_ranks(&d.blocks, &heads(&d)), Some(vec![3, 2, 1]));
        let d = doc(["1", "3", "2"]);
        assert_eq!(lead_ranks(&d.blocks, &heads(&d)), None);
        let d = doc(["92", "90", "87"]);
        assert_eq!(lead_ranks(&d.blocks, &heads(&d)), None);
        // Past 999 from below it, but years alone are no ranks.
        let d = doc(["999", "1000", "#1001"]);
        assert_eq!(
            lead_ranks(&d.blocks, &heads(&d)),
            Some(vec![999, 1000, 1001])
        );
        let d = doc(["2019", "2020", "2021"]);
        assert_eq!(lead_ranks(&d.blocks, &heads(&d)), None);
        // A number in a heading of its own above each name's heading is its rank, not an item.
        let mut html = String::from("<title>3 Shoes</title><h1>3 Shoes</h1><p>Intro.</p>");
        for (k, n) in ["Fern", "Moss", "Pebble"].iter().enumerate() {
            html += &format!(
                "<h2>0{}</h2><h3>{n}</h3><p>About {n}, at some length.</p>",
                k + 1
            );
        }
        assert_eq!(
            html_titles(&html),
            [
                (Some(1), "Fern".to_string()),
                (Some(2), "Moss".to_string()),
                (Some(3), "Pebble".to_string())
            ]
        );
    }

    /// In Markdown whose items indent their text, the last item ends where the indenting
    /// does; when some item's text is not indented, indenting says nothing.
    #[test]
    fn indented_items_end_where_the_indent_does() {
        let doc = |second: &str| {
            let text = format!(
                "# 3 Podcasts\n\nFor long drives.\n\n1. **Slow Roads**\n   Routes nobody takes.\n\n2. **Night Desk**\n{second}\n\n3. **Lost Maps**\n   Places that vanished.\n\nHappy listening!\n"
            );
            crate::reduce(&text, crate::Format::Text)
        };
        let last_body = |d: &Blocks| bodies(d).pop().expect("entries");
        assert_eq!(
            last_body(&doc("   News after midnight.\n\n   Told by night workers.")),
            ["Places that vanished."]
        );
        assert_eq!(
            last_body(&doc("News after midnight.\n\n   Told by night workers.")),
            ["Places that vanished.", "Happy listening!"]
        );
    }

    /// The call to action that ends every item ends the last one too, right before the
    /// heading after the list; a link line of its own there is not the item's.
    #[test]
    fn the_last_item_keeps_its_call_to_action() {
        let page = |last_link: &str| {
            let mut html = String::from(
                "<html><head><title>4 Gifts for Gardeners</title></head><body><main><article><h1>4 Gifts for Gardeners</h1><p>Gifts a gardener will use, chosen over a season of digging.</p>",
            );
            for (k, n) in ["Hose Nozzle", "Kneeling Pad", "Seed Tins", "Trowel"]
                .iter()
                .enumerate()
            {
                let link = if k == 3 { last_link } else { "Buy now" };
                html += &format!(
                    "<div class=card><h3>{n}</h3><p>The {n} is sturdy, well made and a pleasure to use, item {k}.</p><p><a href='/b/{k}'>{link}</a></p></div>"
                );
            }
            html + "<h2>How we chose</h2><p>We tested it all ourselves.</p></article></main></body></html>"
        };
        let last_body = |html: &str| {
            let mut all = bodies(&crate::reduce(html, crate::Format::Html));
            assert_eq!(all.len(), 4);
            all.pop().expect("entries")
        };
        assert_eq!(
            last_body(&page("Buy now")),
            [
                "The Trowel is sturdy, well made and a pleasure to use, item 3.",
                "Buy now"
            ]
        );
        assert_eq!(
            last_body(&page("Our review policy")),
            ["The Trowel is sturdy, well made and a pleasure to use, item 3."]
        );
    }

    /// A related story's link line between an item's text and its call to action, last before
    /// the next heading, does not cut the item off from its call to action; alone, it ends it.
    #[test]
    fn a_related_link_before_the_call_to_action_keeps_it_in_the_item() {
        let first_body = |tail: &str| {
            let mut html = String::from(
                "<html><head><title>3 Hiking Boots</title></head><body><article><h1>3 Hiking Boots</h1><p>Tested over two seasons.</p>",
            );
            for (k, n) in ["Ridge", "Tarn", "Scree"].iter().enumerate() {
                let tail = if k == 0 { tail } else { "" };
                html += &format!(
                    "<h2>{}. {n}</h2><p>The {n} holds the ankle well on long days, item {k}.</p>{tail}",
                    k + 1
                );
            }
            html += "</article></body></html>";
            bodies(&crate::reduce(&html, crate::Format::Html)).remove(0)
        };
        let related =
            "<p><strong>RELATED:</strong> <a href='/socks'>The 12 Best Hiking Socks</a></p>";
        assert_eq!(
            first_body(&format!(
                "{related}<p><a href='https://shop.example/ridge'>Buy on Amazon</a></p>"
            )),
            [
                "The Ridge holds the ankle well on long days, item 0.",
                "RELATED: The 12 Best Hiking Socks",
                "Buy on Amazon"
            ]
        );
        assert_eq!(
            first_body(related),
            ["The Ridge holds the ankle well on long days, item 0."]
        );
    }

    /// A link line inside an item ends it only when the item's own text does not go on after
    /// it: a sentence with a link, and a related story's headline or a list of links in a box
    /// of its own, keep the rest of the item; a link line in the flow of the text (naming a place the page set
    /// no heading for) still ends it. (Fixture 32 has a link line above an embed's notice
    /// repeated in every item, which ends it too.)
    #[test]
    fn link_lines_end_an_item_only_when_its_text_stops() {
        let first_body = |middle: &str| {
            let mut html = String::from(
                "<html><head><title>3 Cafes in Town</title></head><body><article><h1>3 Cafes in Town</h1><p>Where we drink coffee.</p>",
            );
            for (k, n) in ["Ember", "Lumen", "Quill"].iter().enumerate() {
                let mid = if k == 0 { middle } else { "" };
                html += &format!(
                    "<h2>{}. {n}</h2><p>{n} roasts its own beans and opens at seven, item {k}.</p>{mid}<p>The {n} pastry case empties by noon on weekends, item {k}.</p><div class=embed><p>Loading this post means you accept the privacy policy.</p></div>",
                    k + 1
                );
            }
            html += "</article></body></html>";
            bodies(&crate::reduce(&html, crate::Format::Html)).remove(0)
        };
        let whole = |mid: &str| {
            let mut b = vec!["Ember roasts its own beans and opens at seven, item 0.".to_string()];
            b.push(mid.to_string());
            b.push("The Ember pastry case empties by noon on weekends, item 0.".into());
            b.push("Loading this post means you accept the privacy policy.".into());
            b
        };
        assert_eq!(
            first_body("<p>Photo from our <a href='/r/e'>spring Ember visit</a>.</p>"),
            whole("Photo from our spring Ember visit.")
        );
        assert_eq!(
            first_body("<p>You can <a href='/r/e'>read our whole Ember review here</a>.</p>"),
            whole("You can read our whole Ember review here.")
        );
        assert_eq!(
            first_body(
                "<div class=related><p><a href='/r/x'>Ten towns with great coffee</a></p></div>"
            ),
            whole("Ten towns with great coffee")
        );
        let links = "<ul><li><a href='/r/a'>Ten towns with great coffee</a></li><li><a href='/r/b'>How to pick a bean</a></li></ul>";
        let mut two = whole("Ten towns with great coffee");
        two.insert(2, "How to pick a bean".into());
        assert_eq!(first_body(links), two);
        // In the flow of the text: the page's next place, not a part of this item.
        assert_eq!(
            first_body("<p><a href='/r/x'>The Corner Roastery</a></p>"),
            ["Ember roasts its own beans and opens at seven, item 0."]
        );
    }

    /// When every other item's text sits in its head's container, the last item ends where its
    /// text leaves it (a newsletter box after the article); items whose text has a list of
    /// their own keep one in the last item too.
    #[test]
    fn the_last_item_ends_where_its_text_leaves_the_items_container() {
        let page = |text: &dyn Fn(&str) -> String, after: &str| {
            let mut html = String::from(
                "<html><head><title>4 Places to Find Cash</title></head><body><article><h1>4 Places to Find Cash</h1><p>Money hides in old houses.</p>",
            );
            for (k, n) in ["Attics", "Walls", "Sheds", "Foundations"]
                .iter()
                .enumerate()
            {
                html += &format!("<h2>{}. {n}</h2>{}", k + 1, text(n));
            }
            html += after;
            html += "</article></body></html>";
            bodies(&crate::reduce(&html, crate::Format::Html))
        };
        // Three paragraphs in each item but the last, which has one; then the box.
        let paragraphs = |n: &str| {
            let times = if n == "Foundations" { 1 } else { 3 };
            (0..times)
                .map(|k| format!("<p>Look in the {n} of old houses, tip {k}.</p>"))
                .collect::<String>()
        };
        let signup = "<div class=signup><p>Ready to stop worrying about money?</p><p>Get our daily letter</p></div>";
        assert_eq!(
            page(&paragraphs, signup).pop().unwrap(),
            ["Look in the Foundations of old houses, tip 0."]
        );
        // Every item has a list of its own: the last one keeps its list.
        let with_list = |n: &str| {
            format!(
                "<p>Look in the {n} of old houses.</p><ul><li>Bring a torch to the {n}.</li></ul>"
            )
        };
        assert_eq!(
            page(&with_list, "").pop().unwrap(),
            [
                "Look in the Foundations of old houses.",
                "Bring a torch to the Foundations."
            ]
        );
    }

    /// More link lines that are the item's: an item of a list of facts whose facts go on in the
    /// same list (the address linked, then the hours); a field after a box of links set into
    /// the facts (`Owner's pick: <a>…</a>`, a label every item has); and a sentence of the
    /// item's own with links in it, last before the next item's head (not the last item's:
    /// there the page's own closing lines begin).
    #[test]
    fn facts_fields_and_last_linked_sentences_stay_in_the_item() {
        let page = |item: &dyn Fn(&str) -> String| {
            let mut html = String::from(
                "<html><head><title>3 Cafes in Town</title></head><body><article><h1>3 Cafes in Town</h1><p>Where we drink coffee.</p>",
            );
            for (k, n) in ["Ember", "Lumen", "Quill"].iter().enumerate() {
                html += &format!(
                    "<h2>{}. {n}</h2><p>{n} roasts its own beans and opens at seven.</p>{}",
                    k + 1,
                    item(n)
                );
            }
            html +=
                "<h2>More from us</h2><p><a href='/n'>Newsletter</a></p></article></body></html>";
            bodies(&crate::reduce(&html, crate::Format::Html))
        };
        let facts = page(&|n| {
            format!(
                "<ul><li>{n} House, <a href='/map'>4 Mill Lane, 12345 Riverton</a></li><li>Open daily 7–18 at {n}</li></ul>"
            )
        });
        assert_eq!(
            facts[0],
            [
                "Ember roasts its own beans and opens at seven.",
                "Ember House, 4 Mill Lane, 12345 Riverton",
                "Open daily 7–18 at Ember"
            ]
        );
        let fields = page(&|n| {
            format!(
                "<ul><li>Price: {} dollars</li><li>Seats: 20<ul><li><a href='/best'>This cafe is on our list of the best in town</a> and more.</li><li>Read our review here.</li></ul></li><li>Owner's pick: <a href='/p'>{n} oat flat white with honey</a></li></ul>",
                n.len()
            )
        });
        assert_eq!(
            fields[1],
            [
                "Lumen roasts its own beans and opens at seven.",
                "Price: 5 dollars",
                "Seats: 20",
                "This cafe is on our list of the best in town and more.",
                "Read our review here.",
                "Owner's pick: Lumen oat flat white with honey"
            ]
        );
        let sentence = page(&|n| {
            format!(
                "<p>We <a href='/m'>wrote about {n} in May</a>, and <a href='/j'>again</a> in June.</p>"
            )
        });
        assert_eq!(
            sentence[0],
            [
                "Ember roasts its own beans and opens at seven.",
                "We wrote about Ember in May, and again in June."
            ]
        );
    }

    /// A place the page set no heading for (its name a line that is all link, then its text and
    /// the "Best for:" line every item has) is an item of its own, not the end of the item
    /// above with its text lost; a link line whose text has no such line still ends the item.
    #[test]
    fn a_linked_name_with_an_items_text_is_an_item() {
        let place = |name: &str, heading: bool| {
            let head = if heading {
                format!("<h4>{name}</h4>")
            } else {
                format!(
                    "<p><a href=\"https://{}.example/\">{name}</a></p>",
                    name.to_lowercase()
                )
            };
            format!(
                "{head}<p>{name} serves food all day in a room full of light.</p><p>Best for: a long lunch at {name}.</p>"
            )
        };
        let mut html = String::from(
            "<html><head><title>Where to eat in Harbourtown</title></head><body><article><h1>Where to eat</h1><p>Our tables.</p><h3>The Quay</h3>",
        );
        for n in ["Lantern", "Bakery", "Fig"] {
            html += &place(n, true);
        }
        html += &place("Smokehouse", false);
        html += "<h3>The Mill</h3>";
        for n in ["Grill", "Pantry"] {
            html += &place(n, true);
        }
        html += &place("Cellar", false);
        html += "<p><a href=\"https://news.example/\">More from Harbourtown</a></p><p>Tell us your favourite in the comments.</p><h3>More</h3></article></body></html>";
        let doc = crate::reduce(&html, crate::Format::Html);
        let names: Vec<String> = segment(&doc)
            .entries
            .into_iter()
            .map(|e| e.heading)
            .collect();
        assert_eq!(
            names,
            [
                "Lantern",
                "Bakery",
                "Fig",
                "Smokehouse",
                "Grill",
                "Pantry",
                "Cellar"
            ]
        );
        let all = bodies(&doc);
        assert_eq!(
            all[3],
            [
                "Smokehouse serves food all day in a room full of light.",
                "Best for: a long lunch at Smokehouse."
            ]
        );
        assert_eq!(
            all[6],
            [
                "Cellar serves food all day in a room full of light.",
                "Best for: a long lunch at Cellar."
            ]
        );
    }

    /// A heading that ends in a colon between two items is a part of the item above, even at
    /// the items' own level, and so is a call to action right before it; after the last
    /// item, only when it names the item ("Final thoughts:" ends the list as any heading does).
    #[test]
    fn the_item_a_title_promises_after_the_numbered_ones_is_an_item() {
        // Five promised, four numbered `Name: tagline` headings, then the author's own.
        let page = |count: usize, own: &str| {
            let mut html = format!(
                "<html><head><title>{count} Bakers Share Their Secrets</title></head><body><article><h1>{count} Bakers Share Their Secrets</h1><p>We asked around.</p>"
            );
            for (k, n) in ["Ada", "Ben", "Cleo", "Dev"].iter().enumerate() {
                html += &format!(
                    "<h2>{}. {n}, baker: Use cold butter</h2><p>{n} keeps the butter cold, tip {k}.</p>",
                    k + 1
                );
            }
            html += &format!(
                "<h2>{own}</h2><p>My own tip is to rest the dough overnight.</p><h2>More from us</h2><p><a href=\"https://e.example/a\">Pies</a></p></article></body></html>"
            );
            heads_of(&crate::reduce(&html, crate::Format::Html))
                .into_iter()
                .map(|(r, h)| (r, h.split(',').next().unwrap().to_string()))
                .collect::<Vec<_>>()
        };
        let four = ranked_from_1(&["Ada", "Ben", "Cleo", "Dev"]);
        let mut five = four.clone();
        five.push((None, "My lesson: Rest the dough".into()));
        assert_eq!(page(5, "My lesson: Rest the dough"), five);
        // Not when the title promises as many as are numbered, nor for a heading of another
        // shape (a closing section).
        assert_eq!(page(4, "My lesson: Rest the dough"), four);
        assert_eq!(page(5, "Final thoughts"), four);
    }

    #[test]
    fn colon_headings_between_items_are_parts_of_them() {
        let mut html = String::from(
            "<html><head><title>3 Shoe Brands</title></head><body><article><h1>3 Shoe Brands</h1><p>Brands we walked in.</p>",
        );
        for (k, n) in ["Strider", "Pace", "Arc"].iter().enumerate() {
            // The first item has a call to action of its own before its part's heading.
            let cta = if k == 0 {
                "<p><a href=\"https://shop.example/strider\">Shop Strider today</a></p>"
            } else {
                ""
            };
            html += &format!(
                "<h3>{}. {n}</h3><p>{n} makes light running shoes, item {k}.</p>{cta}<h3>Why choose {n}:</h3><ul><li>Soft soles {k}</li></ul>",
                k + 1
            );
        }
        html += "<h3>Final thoughts:</h3><p>All three last a year of daily runs.</p></article></body></html>";
        let all = bodies(&crate::reduce(&html, crate::Format::Html));
        assert_eq!(
            all[0],
            [
                "Strider makes light running shoes, item 0.",
                "Shop Strider today",
                "Why choose Strider:",
                "Soft soles 0"
            ]
        );
        assert_eq!(
            all[2],
            [
                "Arc makes light running shoes, item 2.",
                "Why choose Arc:",
                "Soft soles 2"
            ]
        );
    }

    /// Paragraphs that open with a bold name are the items when the title promises as many;
    /// not when it promises another number, nor when the names are labels over short values.
    #[test]
    fn bold_lead_in_paragraphs_are_items() {
        let page = |title: &str, paras: &[(&str, &str)]| {
            let mut text = format!("# {title}\n\nSome people glide through the rush hour.\n\n");
            for (lead, rest) in paras {
                text += &format!("**{lead}** {rest}\n\n");
            }
            text + "Try one for a week.\n"
        };
        let habits = [
            (
                "Leave early.",
                "The margin turns a late train into a small thing.",
            ),
            (
                "Carry a book.",
                "A phone keeps you refreshing the departure board.",
            ),
            (
                "Walk the last stop.",
                "Ten minutes on foot clears the head for the day.",
            ),
        ];
        // Each item's head is its whole paragraph; the records take the bold name as title.
        let want: Vec<(Option<i64>, String)> = habits
            .iter()
            .map(|(l, r)| (None, format!("{l} {r}")))
            .collect();
        assert_eq!(titles(&page("3 Habits of Calm Commuters", &habits)), want);
        assert_eq!(titles(&page("4 Habits of Calm Commuters", &habits)), vec![]);
        let facts = [
            ("Founded:", "1821"),
            ("Population:", "4,200"),
            ("River:", "the Elbe"),
        ];
        assert_eq!(titles(&page("3 Facts About the Town", &facts)), vec![]);
    }

    #[test]
    fn slideshow_counters_are_read() {
        for (t, n) in [
            ("3 of 10", 3),
            ("3/10", 3),
            (" 3 / 10 ", 3),
            ("Slide 3 of 10", 3),
            ("3 von 10", 3),
            ("Foto 10 de 10", 10),
        ] {
            assert_eq!(counter(t), Some(n), "{t}");
            assert_eq!(bare_number(t), Some(n), "{t}");
        }
        for t in [
            "11 of 10",
            "3 of",
            "of 10",
            "3 out of 10",
            "3 of 10 shoes",
            "3/10/2024",
            "3 and 10",
            "0 of 5",
        ] {
            assert_eq!(counter(t), None, "{t}");
        }
    }

    /// A slideshow's counter above or below each heading is its rank and not text; below, it
    /// is only taken when every item has one.
    #[test]
    fn slideshow_counters_are_ranks() {
        let page = |above: bool, counters: &[&str]| {
            let mut html = String::from("<title>3 Beaches</title><h1>3 Beaches</h1><p>Intro.</p>");
            for (k, (n, c)) in ["Cobalt Bay", "Ferris Hill", "Lark Meadow"]
                .iter()
                .zip(counters)
                .enumerate()
            {
                let (a, b) = if above {
                    (format!("<div>{c}</div>"), String::new())
                } else {
                    (String::new(), format!("<div>{c}</div>"))
                };
                html += &format!("{a}<h2>{n}</h2>{b}<p>Beach {k} has cold clear water.</p>");
            }
            crate::reduce(&html, crate::Format::Html)
        };
        let read = |d: &Blocks| -> Vec<(Option<i64>, Vec<String>)> {
            let ranks = segment(d)
                .entries
                .iter()
                .map(|e| e.rank)
                .collect::<Vec<_>>();
            ranks.into_iter().zip(bodies(d)).collect()
        };
        let want: Vec<(Option<i64>, Vec<String>)> = (0..3)
            .map(|k| {
                (
                    Some(k as i64 + 1),
                    vec![format!("Beach {k} has cold clear water.")],
                )
            })
            .collect();
        assert_eq!(read(&page(true, &["1 of 3", "2 of 3", "3 of 3"])), want);
        assert_eq!(
            read(&page(false, &["Slide 1/3", "Slide 2/3", "Slide 3/3"])),
            want
        );
        // So is a number alone under each heading (`<p class=rank>#1</p>`), counting by one.
        assert_eq!(read(&page(false, &["#1", "#2", "#3"])), want);
        let down: Vec<_> = want
            .iter()
            .map(|(r, b)| (r.map(|r| 4 - r), b.clone()))
            .collect();
        assert_eq!(read(&page(false, &["3", "2", "1"])), down);
        // Ratings under the headings (not counting by one) stay text.
        let got = read(&page(false, &["4/5", "3/5", "5/5"]));
        assert_eq!(
            got[0],
            (
                None,
                vec![
                    "4/5".to_string(),
                    "Beach 0 has cold clear water.".to_string()
                ]
            )
        );
        // And so do scores, which count by more than one.
        let got = read(&page(false, &["92", "90", "87"]));
        assert_eq!(got[0].0, None);
        assert_eq!(got[0].1[0], "92");
    }

    /// A bullet line set apart over a sentence of text (`👉 Name`, then its text) heads an
    /// item as a heading line does; bullets in a run, or a bullet line that the next line
    /// goes on with, do not.
    #[test]
    fn a_bullet_set_apart_heads_its_text() {
        let names = [
            "Clear it nightly",
            "Keep one tray",
            "Give cables a home",
            "Leave one thing out",
        ];
        let doc = |bullet: &str, below: &dyn Fn(usize) -> String| {
            let mut text =
                String::from("Desk habits\n\nWhat kept our desks clear this winter, in short.\n\n");
            for (k, n) in names.iter().enumerate() {
                text += &format!("{bullet} {n}\n{}\n\n", below(k));
            }
            text
        };
        let sentence = |k: usize| format!("Habit {k} takes two minutes and saves ten later.");
        let want: Vec<(Option<i64>, String)> =
            names.iter().map(|n| (None, n.to_string())).collect();
        for bullet in ["👉", "-", "•"] {
            assert_eq!(titles(&doc(bullet, &sentence)), want, "{bullet}");
        }
        // The next line goes on with the bullet's (in lower case, or indented), or is as
        // short as it.
        let lower = |k: usize| format!("and habit {k} takes two minutes and saves ten later.");
        let indented = |k: usize| format!("  {}", sentence(k));
        let short = |k: usize| format!("Habit {k}.");
        for below in [&lower as &dyn Fn(usize) -> String, &indented, &short] {
            assert_eq!(titles(&doc("👉", below)), [], "{}", below(0));
        }
        // Runs of bullets (a blank line between them), each followed by a paragraph: the
        // last bullet of each is one of its run, not a heading over the paragraph.
        let mut runs = String::from("Desk habits\n\n");
        for k in 0..4 {
            runs += &format!(
                "- Tray {k}\n\n- Clip {k}\n\n- Lamp {k}\n{}\n\n",
                sentence(k)
            );
        }
        assert_eq!(titles(&runs), []);
    }

    /// A slideshow's counter before each title (`2 of 4 – Name`, `Slide 2 of 4: Name`, `2/4
    /// Name`) is the item's rank, in text and in headings alike. Only the counters of one
    /// total make one list: `3/6` among counters out of 5 is not one of its items.
    #[test]
    fn slideshow_counters_before_titles_are_ranks() {
        let names = ["Cobalt Bay", "Ferris Hill", "Lark Meadow", "Reed Water"];
        let want = ranked_from_1(&names);
        for form in ["{k} of 4 – {n}", "Slide {k} of 4: {n}", "{k}/4 {n}"] {
            let head = |k: usize, n: &str| form.replace("{k}", &k.to_string()).replace("{n}", n);
            let mut text = String::from("Four beaches\n\n");
            let mut html = String::from("<title>Beaches</title><h1>Beaches</h1>");
            for (k, n) in names.iter().enumerate() {
                let head = head(k + 1, n);
                text += &format!("{head}\n\nBeach {k} has cold clear water all year.\n\n");
                html += &format!("<h2>{head}</h2><p>Beach {k} has cold clear water all year.</p>");
            }
            assert_eq!(titles(&text), want, "{form}");
            let doc = crate::reduce(&html, crate::Format::Html);
            assert_eq!(heads_of(&doc), want, "{form}");
        }
        let mut text = String::from("Five beaches\n\n");
        for (k, n) in [
            "Cobalt Bay",
            "Ferris Hill",
            "Lark Meadow",
            "Reed Water",
            "Sand Cove",
        ]
        .iter()
        .enumerate()
        {
            let total = if k == 2 { 6 } else { 5 };
            text += &format!(
                "{}/{total} {n}\n\nBeach {k} has cold clear water.\n\n",
                k + 1
            );
        }
        let got: Vec<Option<i64>> = titles(&text).into_iter().map(|t| t.0).collect();
        assert_eq!(got, [Some(1), Some(2), Some(4), Some(5)]);
        // Counters that neither start at 1 nor reach their total are dates, not a slideshow.
        let mut diary = String::from("Three days\n\n");
        for (d, n) in [
            (8, "Arrived late"),
            (9, "Walked the coast"),
            (10, "Flew home"),
        ] {
            diary += &format!(
                "{d}/11: {n}\n\nThe day went as planned, more or less, and we ate well.\n\n"
            );
        }
        assert!(
            titles(&diary).iter().all(|t| t.0.is_none()),
            "{:?}",
            titles(&diary)
        );
    }

    /// A numbered table of contents over the numbered items is not the list, and the item
    /// whose line it repeats is still an item.
    #[test]
    fn a_table_of_contents_is_not_the_list() {
        let mut text = String::from("Three Habits\n\nIntro.\n\n");
        let names = ["Breathe first", "Say no", "Sleep enough"];
        for (k, n) in names.iter().enumerate() {
            text += &format!("{}. {n}\n", k + 1);
        }
        for (k, n) in names.iter().enumerate() {
            text += &format!("\n{}. {n}\nWhy it helps, in a sentence or two.\n", k + 1);
        }
        let doc = crate::blocks::text::blocks(&text);
        let seg = segment(&doc);
        let lines: Vec<(Option<i64>, usize)> = seg
            .entries
            .iter()
            .map(|e| (e.rank, doc.blocks[e.head].line))
            .collect();
        assert_eq!(lines, [(Some(1), 9), (Some(2), 12), (Some(3), 15)]);
    }

    /// A table of contents that numbers its lines and gives each its section number
    /// (`4. 3.1#1 Spielebogen`, `1. 1.Was ist …`) is a table of contents too: past the
    /// section number, its lines come again below.
    #[test]
    fn a_contents_list_with_section_numbers_is_not_the_list() {
        // A breadcrumb above it counts `1.`, `2.` too, and the contents' `3.` goes on the
        // contents (the nearer of two runs as long), so that all its lines are seen together.
        let mut text = String::from(
            "Five Toys\n\n1. Home\n\n2. Toys\n\nContents\n\n1. 1.Why wood\n\n2. 2.For babies\n\n",
        );
        let names = ["Play arch", "Stacking rings", "Rainbow"];
        for (k, n) in names.iter().enumerate() {
            text += &format!("{}. 2.{}#{} {n}\n\n", k + 3, k + 1, k + 1);
        }
        text += "\nWhy wood\n\nWood lasts for years and feels warm in the hand, which children notice long before they can say so.\n\nFor babies\n\nThe first toys are for grasping and looking, so they should be light, smooth and safe to chew.\n";
        for (k, n) in names.iter().enumerate() {
            text += &format!(
                "\n#{} {n}\n\nA sentence or two on why it is a good first toy.\n",
                k + 1
            );
        }
        let want = ranked_from_1(&names);
        assert_eq!(titles(&text), want);
        assert_eq!(section_number_off("3.1#1 Spielebogen"), "Spielebogen");
        assert_eq!(section_number_off("1.Was ist das?"), "Was ist das?");
        assert_eq!(section_number_off("12. Items"), "Items");
        assert_eq!(section_number_off("2024 in review"), "2024 in review");
        assert_eq!(section_number_off("3."), "3.");
    }

    /// Numbering that starts again at 1 under a line that names a section (`For Toddlers`)
    /// goes on the list in text when the list opened under such a line and its items have
    /// text; numbered one-line headlines under `Most read` and `Recommended` do not join.
    #[test]
    fn text_sections_restart_the_numbering() {
        let item = |n: usize, name: &str| {
            format!("{n}. {name}\nA sentence about this game and why a family will like it.\n\n")
        };
        let mut text = String::from("Games by Age\n\nOur picks for every age.\n\nFor Toddlers\n\n");
        text += &item(1, "Stack Attack");
        text += &item(2, "Color Bears");
        text += &item(3, "Fishing Pond");
        text += "For School Kids\n\n";
        text += &item(1, "Word Quest");
        text += &item(2, "Tiny Towns");
        text += &item(3, "Ticket Trains");
        let want: Vec<(Option<i64>, String)> = [
            (1, "Stack Attack"),
            (2, "Color Bears"),
            (3, "Fishing Pond"),
            (1, "Word Quest"),
            (2, "Tiny Towns"),
            (3, "Ticket Trains"),
        ]
        .iter()
        .map(|&(r, n)| (Some(r), n.to_string()))
        .collect();
        assert_eq!(titles(&text), want);
        // The line that names the next section is no item's text.
        let doc = crate::blocks::text::blocks(&text);
        let third = &bodies(&doc)[2];
        assert_eq!(
            third,
            &["A sentence about this game and why a family will like it."]
        );
        // The list must open under a section line: an intro paragraph right above `1.`, and
        // nothing like a section line above it, leaves the second `1.` a list of its own.
        let open = text.replace("For Toddlers\n\n", "");
        let open = open.replace(
            "Our picks for every age.",
            "Our picks for every age, from the youngest players in the family to the oldest ones.",
        );
        assert_eq!(titles(&open).len(), 3, "{:?}", titles(&open));
        // Headline boxes: one-line items under each section line stay apart.
        let boxes = "News\n\nToday's stories, in brief, for readers on the go.\n\nMost read\n\n1. Storm hits coast\n\n2. Rates held\n\n3. Team wins cup\n\nRecommended\n\n1. Ten walks\n\n2. Bread at home\n\n3. Quiet cars\n";
        let got = titles(boxes);
        assert_eq!(got.len(), 3, "{got:?}");
        // A list that began at 2 (a breadcrumb's `2. Guides`, `3. Title`) has no section to
        // go on: the list that starts at 1 is the one.
        let late = text
            .replace("1. Stack Attack", "2. Stack Attack")
            .replace("2. Color Bears", "3. Color Bears")
            .replace("3. Fishing Pond", "4. Fishing Pond");
        let got: Vec<String> = titles(&late).into_iter().map(|t| t.1).collect();
        assert_eq!(got, ["Word Quest", "Tiny Towns", "Ticket Trains"]);
    }

    /// A numbered box inside a list (`Related` over `1.`, `2.`, `3.` one-line headlines
    /// between items 2 and 3) is no section of it: the list goes on past it.
    #[test]
    fn a_box_inside_a_list_is_not_a_section_of_it() {
        let mut text = String::from(
            "Tents for Wet Weekends\n\nWe pitched them all in the rain, and these five kept us dry.\n\nOur picks\n\n",
        );
        let item = |n: usize, name: &str| {
            format!("{n}. {name}\n\nIt went up in minutes and kept the rain out all night.\n\n")
        };
        text += &item(1, "Pinecone");
        text += &item(2, "Ridgeback");
        text += "Related\n\n1. Sleeping bags\n\n2. Stoves\n\n3. Lamps\n\n";
        text += &item(3, "Meadow");
        text += &item(4, "Tarn");
        text += &item(5, "Harbor");
        let got: Vec<String> = titles(&text).into_iter().map(|t| t.1).collect();
        assert_eq!(got, ["Pinecone", "Ridgeback", "Meadow", "Tarn", "Harbor"]);
        // So with a line of text under each headline: the list went on past the box.
        let text = text.replace(
            "\n\n1. Sleeping bags\n\n2. Stoves\n\n3. Lamps\n\n",
            "\n\n1. Sleeping bags\nWarm ones.\n\n2. Stoves\nLight ones.\n\n3. Lamps\nBright ones.\n\n",
        );
        let got: Vec<String> = titles(&text).into_iter().map(|t| t.1).collect();
        assert_eq!(got, ["Pinecone", "Ridgeback", "Meadow", "Tarn", "Harbor"]);
    }

    /// A numbered "Related" box after a list that restarts at 1 under its own heading is
    /// not part of the list: its lines have no text, while the list's items do.
    #[test]
    fn a_related_box_after_the_list_is_not_a_section_of_it() {
        let mut text = String::from(
            "# Three Houseplants\n\nEasy plants for busy people who forget to water.\n\n",
        );
        for (k, n) in ["Snake Plant", "Pothos", "ZZ Plant"].iter().enumerate() {
            text += &format!(
                "{}. {n}\nIt survives low light and weeks without water.\n\n",
                k + 1
            );
        }
        text += "## Related\n\n1. How to repot\n2. Plants for windows\n3. Yellow leaves\n";
        let want = ranked_from_1(&["Snake Plant", "Pothos", "ZZ Plant"]);
        assert_eq!(titles(&text), want);
    }

    #[test]
    fn roman_numeral_heads_are_ranks() {
        let want = vec![
            (Some(1), "Lead with the ask".into()),
            (Some(2), "One topic".into()),
            (Some(3), "Write the subject last".into()),
            (Some(4), "Cut the sign-off".into()),
        ];
        let text = "T\n\nI. Lead with the ask\nx\n\nII. One topic\ny\n\nIII. Write the subject last\nz\n\nIV. Cut the sign-off\nw\n";
        assert_eq!(titles(text), want);
        let html = "<title>T</title><h1>T</h1><h2>I. Lead with the ask</h2><p>x</p><h2>II. One topic</h2><p>y</p><h2>III. Write the subject last</h2><p>z</p><h2>IV. Cut the sign-off</h2><p>w</p>";
        assert_eq!(html_titles(html), want);
    }

    #[test]
    fn circled_digits_glued_to_names() {
        let t = titles("T\n\n①Alpha\nx\n\n②Beta\ny\n\n③Gamma\nz\n");
        assert_eq!(
            t,
            vec![
                (Some(1), "Alpha".into()),
                (Some(2), "Beta".into()),
                (Some(3), "Gamma".into())
            ]
        );
    }

    #[test]
    fn a_body_that_repeats_its_marker_is_one_item() {
        let t = titles("T\n\n1. Alpha\n1. Alpha is great.\n\n2. Beta\n\n3. Gamma\n");
        assert_eq!(t.len(), 3);
    }

    #[test]
    fn a_numbered_sublist_inside_an_item_does_not_break_the_list() {
        let t =
            titles("T\n\n1. Alpha\n\n2. Beta\nsteps:\n1. mix\n2. bake\n\n3. Gamma\n\n4. Delta\n");
        let ranks: Vec<Option<i64>> = t.iter().map(|x| x.0).collect();
        assert_eq!(ranks, vec![Some(1), Some(2), Some(3), Some(4)]);
    }

    #[test]
    fn title_numbers_are_whole_words() {
        let meta = crate::blocks::Meta {
            title: Some("Top 7: redis6, #130 and 1.8 for $9 with 50% off — ten more".into()),
            ..Default::default()
        };
        assert_eq!(title_count(&meta), vec![7, 10]);
    }

    /// A number in a quoted name counts nothing (`«6 Days»`, `“Ocean's 11”`), unless the
    /// whole title is quoted.
    #[test]
    fn numbers_in_quoted_names_are_no_count() {
        for (t, want) in [
            (
                "Screenshot : «Vape Wave», «6 Days», «Alphonse Président»…",
                vec![],
            ),
            (
                "Why “Ocean's 11” and 4 other heist films still work",
                vec![4],
            ),
            ("Das \"Top 10\"-Ranking: 5 Überraschungen", vec![5]),
            ("「7つの習慣」を読んで学んだ3のこと", vec![3]),
            ("“10 Best Laptops for Students”", vec![10]),
            ("7 Films Like «Heat»", vec![7]),
        ] {
            let meta = crate::blocks::Meta {
                title: Some(t.into()),
                ..Default::default()
            };
            assert_eq!(title_count(&meta), want, "{t}");
        }
    }

    /// Among letters of scripts without spaces a number stands on its own, unless a unit of
    /// date or time follows it.
    #[test]
    fn title_numbers_among_cjk_letters() {
        for (t, want) in [
            ("京都のおすすめ散歩道4選", vec![4]),
            ("東京で行きたいカフェ12軒", vec![12]),
            ("서울 여행 10가지 팁", vec![10]),
            ("10月のおすすめ", vec![]),
            ("3月5日のニュース", vec![]),
            ("2018年のオープンソース", vec![]),
            ("오후 5시 뉴스", vec![]),
        ] {
            assert_eq!(standalone_numbers(t), want, "{t}");
        }
        // In full-width digits too.
        let meta = crate::blocks::Meta {
            title: Some("京都で食べたいラーメン５選".into()),
            ..Default::default()
        };
        assert_eq!(title_count(&meta), vec![5]);
        // In Chinese numerals with a measure word after them, not as an ordinal.
        for (t, want) in [
            ("杭州最值得去的五家茶馆", vec![5]),
            ("2026年十大电影", vec![10]),
            ("二十部经典老片", vec![20]),
            ("京都の三つの庭", vec![3]),
            ("第五名的故事", vec![]),
            ("三明治的做法", vec![]),
            ("一家人", vec![]),
        ] {
            assert_eq!(counted_in_numerals(t), want, "{t}");
        }
    }

    /// A count in Chinese numerals in the title is the promise a count in digits is: four
    /// unnumbered sections, too few to be a list unpromised, are the four the title names.
    #[test]
    fn a_title_count_in_chinese_numerals_promises_the_list() {
        let page = |title: &str| {
            let mut html = format!(
                "<html lang=\"zh\"><head><title>{title}</title></head><body><article><h1>{title}</h1><p>西湖边的茶馆各有特色，下面是我们最喜欢的几家。</p>"
            );
            for (name, text) in [
                (
                    "湖畔茶社",
                    "临湖的木楼，窗外就是断桥，龙井新茶每年四月上市，最好上午去。",
                ),
                (
                    "竹里馆",
                    "藏在竹林里的小院，安静，适合看书，老板会讲每一种茶的来历。",
                ),
                (
                    "云栖茶舍",
                    "在山路尽头，可以看采茶，春天满山都是绿色，适合周末去走走。",
                ),
                (
                    "老街茶楼",
                    "有评弹表演，周末人多，点心也做得很地道，推荐桂花糕和虾饺。",
                ),
            ] {
                html.push_str(&format!("<h2>{name}</h2><p>{text}</p>"));
            }
            html.push_str("</article></body></html>");
            crate::extract_str(&html, None, "t", &crate::Options::default())
                .records
                .into_iter()
                .map(|r| r.title)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            page("杭州值得去的四家茶馆"),
            ["湖畔茶社", "竹里馆", "云栖茶舍", "老街茶楼"]
        );
        assert!(page("杭州的茶馆").is_empty());
    }

    /// Heading lines over a short sentence each (`PRAIA DA URSA`, then one line) are a list
    /// when the title promises as many and nothing else is one; without the promise they are
    /// not (page chrome in capitals looks the same), nor when a group is not the number
    /// promised.
    #[test]
    fn short_heading_lines_are_the_list_the_title_promises() {
        let text = |title: &str, names: &[&str]| {
            let mut t = format!("{title}\n\nSkip the crowds with these.\n\n");
            for n in names {
                t.push_str(&format!("{n}\nA small cove with caves and arches.\n\n"));
            }
            t.push_str("Getting there is easiest by car.\n");
            t
        };
        let page = |title: &str, names: &[&str]| titles(&text(title, names));
        let names = [
            "PRAIA DA ADRAGA",
            "PRAIA DA URSA",
            "PRAIA GRANDE",
            "PRAIA DO GUINCHO",
        ];
        assert_eq!(
            page("4 Quiet Beaches Near Lisbon", &names),
            names.map(|n| (None, n.to_string()))
        );
        assert!(page("Quiet Beaches Near Lisbon", &names).is_empty());
        assert!(page("5 Quiet Beaches Near Lisbon", &names).is_empty());
        // A text with no blank lines (a page's text, a block a line) has no such shape.
        let tight = text("4 Quiet Beaches Near Lisbon", &names).replace("\n\n", "\n");
        assert!(titles(&tight).is_empty());
    }

    #[test]
    fn fewer_than_three_items_is_no_list() {
        assert!(titles("T\n\n1. Alpha\n\n2. Beta\n").is_empty());
    }
}
