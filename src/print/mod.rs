//! Target-neutral printers: the prettier-exact document printer ([`doc`]), JavaScript
//! literals and keys ([`js`]), comments ([`comment`]), the streaming JSON writer ([`json`])
//! and the buffer that hands big outputs on in pieces ([`pieces`]). Catalog text reaches an output's string literals and comments only through
//! [`js`], [`comment`] and (JSON strings) [`json`]: escaping lives there and nowhere else.
//! Nothing here knows a target.

pub mod comment;
pub mod doc;
pub mod js;
pub mod json;
pub mod pieces;
