//! One module per subcommand.

pub(crate) mod chunked;
pub(crate) mod demo;
pub(crate) mod hpack;
pub(crate) mod http1;
pub(crate) mod status;
