//! A sleep that can be cut short: the poller's, woken when the tab comes back, the network
//! returns or the relay's network becomes known.

use futures::future::{select, Either};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use crate::ports::Clock;

/// A sleep that [`Alarm::wake`] ends early. One sleeper at a time.
#[derive(Debug, Default)]
pub struct Alarm {
    /// Set by a wake; a wake while nobody sleeps makes the next sleep return at once.
    woken: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

impl Alarm {
    /// Sleeps up to `ms` milliseconds of `clock`, or until woken; `true` if woken.
    pub async fn sleep(&self, clock: &dyn Clock, ms: u64) -> bool {
        if self.woken.take() {
            return true;
        }
        let woken = match select(clock.sleep(ms), Woken(self)).await {
            Either::Left(_) => false,
            Either::Right(_) => true,
        };
        self.woken.set(false);
        self.waker.borrow_mut().take();
        woken
    }

    /// Ends the current sleep now (or the next one, if nobody sleeps).
    pub fn wake(&self) {
        self.woken.set(true);
        let waker = self.waker.borrow_mut().take();
        if let Some(w) = waker {
            w.wake();
        }
    }
}

/// Ready once the alarm is woken.
struct Woken<'a>(&'a Alarm);

impl Future for Woken<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0.woken.get() {
            return Poll::Ready(());
        }
        *self.0.waker.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}
