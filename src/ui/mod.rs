//! The browser app (Yew): the lab shell and the lab pages.
