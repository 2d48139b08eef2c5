//! The lab shell: components every lab page shares. They draw view models and emit actions.

pub mod buttons;
pub mod cluster_view;
pub mod counters;
pub mod error_banner;
pub mod event_log;
pub mod fault;
pub mod format;
pub mod frame_loop;
pub mod geometry;
pub mod inspector;
pub mod invariant_panel;
pub mod keyed_markup;
pub mod lang_switch;
pub mod legend;
pub mod link_line;
pub mod markup;
pub mod message_dot;
pub mod message_layer;
pub mod network_controls;
pub mod node_glyph;
pub mod node_list;
pub mod page_head;
pub mod palette;
pub mod playback;
pub mod run;
pub mod shortcuts;
