//! One stable sort for every crate of the wasm builds.
//!
//! Each `sort_by_key` call site compiles its own copy of the standard library's sort (about
//! 4 KB of wasm per element type and key). [`sort_by`] sorts the items' indices instead, through
//! one comparator behind `dyn`, so every caller shares a single copy; what stays generic is the
//! small step that moves the items into that order.

use std::cmp::Ordering;

/// Sort `items` stably by `compare`, as `slice::sort_by` does.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = {
        let items = &*items;
        sorted_indices(items.len(), &|a, b| match (items.get(a), items.get(b)) {
            (Some(a), Some(b)) => compare(a, b),
            _ => Ordering::Equal,
        })
    };
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .into_iter()
            .filter_map(|i| slots.get_mut(i).and_then(Option::take)),
    );
}

/// Sort `items` stably by a key, as `slice::sort_by_key` does.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sort `items` in their natural order, stably.
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// The indices `0..len` in the order `compare` gives, equal ones in index order.
#[inline(never)]
fn sorted_indices(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|a, b| compare(*a, *b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_library() {
        let words = [
            "pear", "fig", "apple", "kiwi", "date", "plum", "", "yam", "lime", "fig",
        ];
        let mut ours: Vec<(usize, &str)> = words.iter().copied().enumerate().collect();
        let mut std = ours.clone();
        sort_by_key(&mut ours, |(_, w)| w.len());
        std.sort_by_key(|(_, w)| w.len());
        assert_eq!(ours, std);
        sort_by(&mut ours, |a, b| b.1.cmp(a.1));
        std.sort_by(|a, b| b.1.cmp(a.1));
        assert_eq!(ours, std);
        let mut empty: Vec<String> = Vec::new();
        sort_by_key(&mut empty, String::len);
        assert!(empty.is_empty());
    }
}
