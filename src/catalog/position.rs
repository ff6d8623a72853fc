//! Byte offsets (what the TOML parser reports) to the 1-based line and column an editor shows.
//! Columns count characters, not bytes, so `å` in a title does not shift the column.

/// Line starts of one source, computed once per file.
pub(crate) struct LineIndex<'s> {
    source: &'s str,
    starts: Vec<usize>,
}

impl<'s> LineIndex<'s> {
    pub(crate) fn new(source: &'s str) -> LineIndex<'s> {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { source, starts }
    }

    pub(crate) fn source(&self) -> &'s str {
        self.source
    }

    /// 1-based (line, column) of a byte offset. Offsets past the end are clamped to the end.
    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.source.len());
        // `starts[0] == 0 <= offset`, so at least one start precedes the offset.
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = self
            .source
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line, column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_characters() {
        let src = "ab\nåäö = 1\r\nx";
        let idx = LineIndex::new(src);
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(2), (1, 3));
        assert_eq!(idx.position(3), (2, 1));
        let eq = src.find('=').unwrap();
        assert_eq!(idx.position(eq), (2, 5), "å, ä, ö count as one column each");
        let x = src.find('x').unwrap();
        assert_eq!(idx.position(x), (3, 1));
        assert_eq!(idx.position(10_000), (3, 2), "clamped to the end");
        assert_eq!(LineIndex::new("").position(0), (1, 1));
    }
}
