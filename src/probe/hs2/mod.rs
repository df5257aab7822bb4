//! Hotel Service v2: the requests Concur sends, the values it carries between them, and the
//! flow that sends them (search and shopping in [`flow`] and [`shop`], booking in [`book`]).

mod book;
pub mod carry;
pub mod flow;
pub mod requests;
mod search;
mod shop;
