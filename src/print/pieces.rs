//! Text handed on in pieces as it is written, so that a big output (tens of MB) is never
//! held whole: once the buffer holds [`PIECE`] bytes, the next [`Pieces::piece_done`] hands
//! it to the receiver.

/// About how many bytes a piece holds before it is handed on.
pub const PIECE: usize = 1 << 20;

/// A text buffer whose contents go to `receiver` a piece at a time. Write with the
/// `String` methods (it derefs to its buffer); say where a piece may end with
/// [`Pieces::piece_done`]; hand on the rest with [`Pieces::finish`].
pub struct Pieces<'r> {
    text: String,
    receiver: &'r mut dyn FnMut(String),
}

impl<'r> Pieces<'r> {
    /// An empty buffer handing its pieces to `receiver`.
    pub fn new(receiver: &'r mut dyn FnMut(String)) -> Self {
        Self {
            text: String::new(),
            receiver,
        }
    }

    /// A point where a piece may end: hands the text on when it is big enough.
    pub fn piece_done(&mut self) {
        if self.text.len() >= PIECE {
            let next = String::with_capacity(PIECE + PIECE / 4);
            (self.receiver)(std::mem::replace(&mut self.text, next));
        }
    }

    /// Hands on what is left.
    pub fn finish(self) {
        if !self.text.is_empty() {
            (self.receiver)(self.text);
        }
    }
}

impl std::ops::Deref for Pieces<'_> {
    type Target = String;
    fn deref(&self) -> &String {
        &self.text
    }
}

impl std::ops::DerefMut for Pieces<'_> {
    fn deref_mut(&mut self) -> &mut String {
        &mut self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_text_is_handed_on_in_pieces_that_join_to_it() {
        let mut got = Vec::new();
        let mut receive = |s: String| got.push(s);
        let mut out = Pieces::new(&mut receive);
        let line = "x".repeat(1000) + "\n";
        for _ in 0..3000 {
            out.push_str(&line);
            out.piece_done();
        }
        out.finish();
        assert_eq!(got.len(), 3, "3 MB in pieces of at least {PIECE} bytes");
        assert!(
            got[..2]
                .iter()
                .all(|p| p.len() >= PIECE && p.len() < PIECE + line.len())
        );
        assert_eq!(got.concat(), line.repeat(3000));
    }

    #[test]
    fn small_text_is_one_piece_and_no_text_none() {
        let mut got = Vec::new();
        let mut receive = |s: String| got.push(s);
        let mut out = Pieces::new(&mut receive);
        out.push_str("{}");
        out.piece_done();
        out.finish();
        let mut none = 0;
        let mut count = |_: String| none += 1;
        Pieces::new(&mut count).finish();
        assert_eq!((got, none), (vec!["{}".to_string()], 0));
    }
}
