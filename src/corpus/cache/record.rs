//! One article file's record in a segment: two blobs, each a little-endian `u32` length, the
//! blob's xxh3 and the blob (postcard): the article with its repair warnings, then its quotes
//! (left out by an article-only load, which also reads only the first blob). A blob that fails
//! its length, checksum or decoding is an error, never a panic.

use serde::{Deserialize, Serialize};

use crate::corpus::article::Article;
use crate::corpus::quote::Quote;
use crate::corpus::store::Diagnostic;

/// Bytes before each blob: its length and its checksum.
pub(super) const BLOB_HEAD: usize = 4 + 8;

/// The first blob, as written.
#[derive(Serialize)]
struct ArticleOut<'a> {
    article: &'a Article,
    warnings: &'a [Diagnostic],
}

/// The first blob, as read.
#[derive(Deserialize)]
pub(super) struct ArticleIn {
    pub article: Article,
    pub warnings: Vec<Diagnostic>,
}

/// A record made for writing: its bytes and the lengths of its two blobs.
#[derive(Debug)]
pub struct Encoded {
    pub(super) bytes: Vec<u8>,
    pub(super) article_len: u32,
    pub(super) quotes_len: Option<u32>,
}

/// Makes the record of an article, its warnings and (unless `None`) its quotes. `None` when a
/// blob would not fit its `u32` length (an article file is at most a few MB: never in practice).
pub fn encode(
    article: &Article,
    warnings: &[Diagnostic],
    quotes: Option<&[Quote]>,
) -> Option<Encoded> {
    let mut bytes = Vec::new();
    let article_len = push_blob(&mut bytes, &ArticleOut { article, warnings })?;
    let quotes_len = match quotes {
        Some(q) => Some(push_blob(&mut bytes, &q)?),
        None => None,
    };
    Some(Encoded {
        bytes,
        article_len,
        quotes_len,
    })
}

fn push_blob<T: Serialize>(out: &mut Vec<u8>, value: &T) -> Option<u32> {
    let blob = postcard::to_stdvec(value).ok()?;
    let len = u32::try_from(blob.len()).ok()?;
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&blob).to_le_bytes());
    out.extend_from_slice(&blob);
    Some(len)
}

/// Why a record could not be used.
pub(super) type Bad = String;

/// The blob at the start of `bytes`, which the manifest says is `len` bytes long, decoded.
pub(super) fn decode_blob<T: for<'de> Deserialize<'de>>(bytes: &[u8], len: u32) -> Result<T, Bad> {
    let head = bytes.get(..BLOB_HEAD).ok_or("a record is cut short")?;
    let (stored_len, sum) = head.split_at(4);
    let stored_len = u32::from_le_bytes(stored_len.try_into().map_err(|_| "bad record")?);
    let sum = u64::from_le_bytes(sum.try_into().map_err(|_| "bad record")?);
    if stored_len != len {
        return Err("a record's length does not match the manifest".into());
    }
    let blob = bytes
        .get(BLOB_HEAD..BLOB_HEAD + len as usize)
        .ok_or("a record is cut short")?;
    if xxhash_rust::xxh3::xxh3_64(blob) != sum {
        return Err("a record fails its checksum".into());
    }
    postcard::from_bytes(blob).map_err(|e| format!("a record cannot be decoded ({e})"))
}

/// The record in `bytes` (read at `place`): its first blob, and its quotes when `with_quotes`.
pub(super) fn decode(
    bytes: &[u8],
    place: &super::Place,
    with_quotes: bool,
) -> Result<(ArticleIn, Option<Vec<Quote>>), Bad> {
    let first = decode_blob(bytes, place.article_len)?;
    let quotes = match place.quotes_len {
        Some(len) if with_quotes => {
            let rest = bytes
                .get(BLOB_HEAD + place.article_len as usize..)
                .ok_or("a record is cut short")?;
            Some(decode_blob(rest, len)?)
        }
        _ => None,
    };
    Ok((first, quotes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::quote::Quote;
    use crate::corpus::store::Store;

    #[test]
    fn a_record_gives_back_its_article_and_quotes() {
        let store = Store::embedded();
        let index = crate::corpus::quote::QuoteIndex::build(&store);
        for a in store.articles() {
            let quotes = index.quotes(&a.id);
            let e = encode(a, &[], Some(quotes)).unwrap();
            let first: ArticleIn = decode_blob(&e.bytes, e.article_len).unwrap();
            assert_eq!(&first.article, a);
            let rest = &e.bytes[BLOB_HEAD + e.article_len as usize..];
            let q: Vec<Quote> = decode_blob(rest, e.quotes_len.unwrap()).unwrap();
            assert_eq!(q, quotes);
        }
    }

    #[test]
    fn a_flipped_byte_is_an_error() {
        let store = Store::embedded();
        let a = &store.articles()[0];
        let mut e = encode(a, &[], None).unwrap();
        let last = e.bytes.len() - 1;
        e.bytes[last] ^= 1;
        assert!(decode_blob::<ArticleIn>(&e.bytes, e.article_len).is_err());
        assert!(decode_blob::<ArticleIn>(&e.bytes[..10], e.article_len).is_err());
    }
}
