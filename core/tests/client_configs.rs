//! The engine moving user configs over the simulated network: two devices of one account poll
//! namespaces 2–5 with the inbox, merge what they find, push changes with the next seqno in one
//! sequence that also deletes the replaced messages, and keep the current ones alive.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod client_sim;

use client_sim::*;
use session_core::client::PollPlan;
use session_core::config::contacts::{self, Contact};
use session_core::config::user_profile::{self, UserProfile};
use session_core::config::{AccountConfigs, Domain, CONFIG_TTL_MS};
use session_core::identity::SessionId;
use session_core::rpc::namespace;
use std::cell::RefCell;

/// A device: a client of the account with its configs, polling the account's namespaces.
struct Device {
    client: SimClient,
    configs: RefCell<AccountConfigs>,
}

impl Device {
    fn new(sim: &std::rc::Rc<Sim>, seed: u64) -> Device {
        let me = identity(1);
        let client = client(sim, &me, seed);
        client.set_poll_plan(PollPlan::own_account(me.session_id()));
        Device {
            client,
            configs: RefCell::new(AccountConfigs::new(&me)),
        }
    }

    /// One poll: configs merged first, then anything changed pushed.
    fn poll(&self) -> Vec<Domain> {
        let report = block_on(self.client.poll()).unwrap();
        let changed = self
            .client
            .absorb_configs(&mut self.configs.borrow_mut(), &report);
        block_on(self.client.sync_configs(&self.configs, None)).unwrap();
        changed
    }

    fn name(&self) -> Option<String> {
        let c = self.configs.borrow();
        UserProfile::read(c.get(Domain::UserProfile).unwrap().data()).name
    }

    fn edit(&self, domain: Domain, change: impl FnOnce(&mut session_core::config::Dict)) {
        self.configs
            .borrow_mut()
            .get_mut(domain)
            .unwrap()
            .edit(change);
    }
}

#[test]
fn two_devices_keep_profile_and_contacts_in_step() {
    let sim = Sim::new(24, 6, 31);
    let phone = Device::new(&sim, 1);
    let browser = Device::new(&sim, 2);
    let me = identity(1).session_id();

    phone.edit(Domain::UserProfile, |d| {
        user_profile::set_name(d, "Alice").unwrap()
    });
    assert!(block_on(phone.client.sync_configs(&phone.configs, None)).unwrap());
    let first_profile = sim
        .stored_hashes(&me)
        .into_iter()
        .collect::<std::collections::BTreeSet<_>>();
    assert_eq!(first_profile.len(), 1);

    // The other device has the name after one poll, and nothing to push back.
    assert_eq!(browser.poll(), [Domain::UserProfile]);
    assert_eq!(browser.name().as_deref(), Some("Alice"));
    assert!(!browser.configs.borrow().needs_push());

    // A contact added on the browser reaches the phone.
    let bob = SessionId::from_x25519([2; 32]);
    browser.edit(Domain::Contacts, |d| {
        let mut c = Contact::new(bob);
        c.name = "Bob".into();
        c.approved = true;
        contacts::set(d, &c);
    });
    block_on(browser.client.sync_configs(&browser.configs, None)).unwrap();
    assert_eq!(phone.poll(), [Domain::Contacts]);
    let c = phone.configs.borrow();
    let got = contacts::get(c.get(Domain::Contacts).unwrap().data(), &bob).unwrap();
    assert_eq!((got.name.as_str(), got.approved), ("Bob", true));
    drop(c);

    // A new name replaces the old message: the push deletes it in the same request.
    browser.edit(Domain::UserProfile, |d| {
        user_profile::set_name(d, "Alice B.").unwrap()
    });
    block_on(browser.client.sync_configs(&browser.configs, None)).unwrap();
    let seq = sim
        .log()
        .into_iter()
        .filter(|l| l.method == "delete")
        .count();
    assert!(seq >= 1, "the obsolete profile was deleted");
    let now: std::collections::BTreeSet<_> = sim.stored_hashes(&me).into_iter().collect();
    assert!(
        first_profile.is_disjoint(&now),
        "the first profile message is gone"
    );
    phone.poll();
    assert_eq!(phone.name().as_deref(), Some("Alice B."));
    assert_eq!(
        phone
            .configs
            .borrow()
            .get(Domain::UserProfile)
            .unwrap()
            .seqno(),
        browser
            .configs
            .borrow()
            .get(Domain::UserProfile)
            .unwrap()
            .seqno()
    );
}

#[test]
fn configs_are_polled_with_the_inbox_and_kept_alive() {
    let sim = Sim::new(24, 6, 32);
    let device = Device::new(&sim, 1);
    let me = identity(1).session_id();
    device.edit(Domain::UserProfile, |d| {
        user_profile::set_name(d, "Me").unwrap()
    });
    block_on(device.client.sync_configs(&device.configs, None)).unwrap();
    sim.clear_log();
    device.poll();
    let polled: std::collections::BTreeSet<i64> = sim
        .log()
        .iter()
        .filter(|l| l.method == "retrieve")
        .filter_map(|l| l.params["namespace"].as_i64())
        .collect();
    assert_eq!(polled, [0, 2, 3, 4, 5].into());

    let hashes = device.configs.borrow().active_hashes();
    assert_eq!(hashes.len(), 1);
    sim.time.advance(10 * 24 * 3600 * 1000);
    block_on(device.client.extend_configs(&hashes)).unwrap();
    let expiry = sim
        .net
        .borrow()
        .nodes
        .iter()
        .flat_map(|n| n.store.iter())
        .filter(|m| m.account == *me.as_bytes() && m.namespace == namespace::USER_PROFILE)
        .map(|m| m.expiry)
        .max()
        .unwrap();
    assert!(
        expiry >= sim.time.now() + CONFIG_TTL_MS - 60_000,
        "extended to 30 days from now"
    );
}
