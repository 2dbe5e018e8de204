//! [`Store`] over IndexedDB: the repository functions, one transaction each.

use session_core::client::ClientState;
use session_core::conversation::ConversationId;
use session_core::identity::Identity;
use std::rc::Rc;

use super::files::IdbFiles;
use super::repo::{self, Applied, NameUpdate, StoredBatch};
use super::{
    ConversationRecord, Db, MessageRecord, MessageStatus, OutboxRecord, ProfileRecord, StoredData,
    SyncedConversation,
};
use crate::net::info::NetworkKind;
use crate::ports::{Boxed, ConfigDumps, FileStore, SettingsChange, Store, Stored, Vault};
use crate::state::effects::Effect;

/// The app's database as the parts' [`Store`].
#[derive(Debug, Clone)]
pub struct IdbStore {
    db: Rc<Db>,
}

impl IdbStore {
    /// The store of an open database.
    pub fn new(db: Rc<Db>) -> IdbStore {
        IdbStore { db }
    }
}

impl Store for IdbStore {
    fn vault(&self) -> Option<Rc<dyn Vault>> {
        Some(Rc::new(super::lock::IdbVault::new(self.db.clone())))
    }

    fn files(&self) -> Rc<dyn FileStore> {
        Rc::new(IdbFiles::new(self.db.clone()))
    }

    fn load_identity(&self) -> Boxed<'_, Stored<Option<Identity>>> {
        Box::pin(repo::load_identity(&self.db))
    }

    fn save_identity<'a>(&'a self, identity: &'a Identity) -> Boxed<'a, Stored<()>> {
        Box::pin(repo::save_identity(&self.db, identity))
    }

    fn repair_identity<'a>(&'a self, identity: &'a Identity) -> Boxed<'a, Stored<()>> {
        Box::pin(repo::repair_identity(&self.db, identity))
    }

    fn stored_data(&self) -> Boxed<'_, Stored<StoredData>> {
        Box::pin(repo::stored_data(&self.db))
    }

    fn load_profile(&self) -> Boxed<'_, Stored<Option<ProfileRecord>>> {
        Box::pin(repo::load_profile(&self.db))
    }

    fn save_profile<'a>(&'a self, profile: &'a ProfileRecord) -> Boxed<'a, Stored<()>> {
        Box::pin(repo::save_profile(&self.db, profile))
    }

    fn load_network(&self) -> Boxed<'_, Stored<Option<NetworkKind>>> {
        Box::pin(async move {
            Ok(repo::load_network(&self.db)
                .await?
                .and_then(|n| NetworkKind::parse(&n)))
        })
    }

    fn save_network(&self, network: NetworkKind) -> Boxed<'_, Stored<()>> {
        Box::pin(repo::save_network(&self.db, network.as_str()))
    }

    fn load_client_state(&self) -> Boxed<'_, Stored<Option<ClientState>>> {
        Box::pin(repo::load_client_state(&self.db))
    }

    fn load_conversations(&self) -> Boxed<'_, Stored<Vec<ConversationRecord>>> {
        Box::pin(repo::load_conversations(&self.db))
    }

    fn load_conversation<'a>(
        &'a self,
        id: &'a ConversationId,
    ) -> Boxed<'a, Stored<Option<ConversationRecord>>> {
        Box::pin(repo::load_conversation(&self.db, id))
    }

    fn load_messages<'a>(
        &'a self,
        conv: &'a ConversationId,
        limit: u32,
    ) -> Boxed<'a, Stored<Vec<MessageRecord>>> {
        Box::pin(repo::load_messages(&self.db, conv, limit))
    }

    fn store_outgoing<'a>(
        &'a self,
        msg: &'a MessageRecord,
        entry: Option<&'a OutboxRecord>,
    ) -> Boxed<'a, Stored<ConversationRecord>> {
        Box::pin(repo::store_outgoing(&self.db, msg, entry))
    }

    fn save_message<'a>(
        &'a self,
        msg: &'a MessageRecord,
        entry: Option<&'a OutboxRecord>,
    ) -> Boxed<'a, Stored<()>> {
        Box::pin(repo::save_message(&self.db, msg, entry))
    }

    fn load_outbox(&self) -> Boxed<'_, Stored<Vec<OutboxRecord>>> {
        Box::pin(repo::load_outbox(&self.db))
    }

    fn record_delivery<'a>(
        &'a self,
        entry: &'a OutboxRecord,
        status: MessageStatus,
        remove: bool,
    ) -> Boxed<'a, Stored<()>> {
        Box::pin(repo::record_delivery(&self.db, entry, status, remove))
    }

    fn store_messages<'a>(
        &'a self,
        messages: &'a [MessageRecord],
        names: &'a [NameUpdate],
        effects: &'a [Effect],
        client_state: Option<&'a str>,
    ) -> Boxed<'a, Stored<StoredBatch>> {
        Box::pin(repo::store_poll(
            &self.db,
            messages,
            names,
            effects,
            client_state,
        ))
    }

    fn apply_effects<'a>(
        &'a self,
        effects: &'a [Effect],
        entry: Option<&'a OutboxRecord>,
    ) -> Boxed<'a, Stored<Applied>> {
        Box::pin(repo::apply_effects(&self.db, effects, entry))
    }

    fn accept_request<'a>(
        &'a self,
        conv: &'a ConversationId,
    ) -> Boxed<'a, Stored<Option<ConversationRecord>>> {
        Box::pin(repo::accept_request(&self.db, conv))
    }

    fn clear_conversation<'a>(
        &'a self,
        conv: &'a ConversationId,
        hide: bool,
    ) -> Boxed<'a, Stored<()>> {
        Box::pin(repo::clear_conversation(&self.db, conv, hide))
    }

    fn mark_read<'a>(
        &'a self,
        conv: &'a ConversationId,
    ) -> Boxed<'a, Stored<Option<ConversationRecord>>> {
        Box::pin(repo::mark_read(&self.db, conv))
    }

    fn change_settings<'a>(
        &'a self,
        conv: &'a ConversationId,
        change: SettingsChange<'a>,
    ) -> Boxed<'a, Stored<bool>> {
        Box::pin(repo::change_settings(&self.db, conv, change))
    }

    fn load_configs(&self) -> Boxed<'_, Stored<ConfigDumps>> {
        Box::pin(repo::load_configs(&self.db))
    }

    fn save_configs<'a>(&'a self, dumps: &'a [(i16, Vec<u8>)]) -> Boxed<'a, Stored<()>> {
        Box::pin(repo::save_configs(&self.db, dumps))
    }

    fn load_groups(&self) -> Boxed<'_, Stored<Vec<super::GroupRecord>>> {
        Box::pin(repo::load_groups(&self.db))
    }

    fn save_group<'a>(&'a self, group: &'a super::GroupRecord) -> Boxed<'a, Stored<()>> {
        Box::pin(repo::save_group(&self.db, group, false))
    }

    fn delete_group<'a>(&'a self, group: &'a super::GroupRecord) -> Boxed<'a, Stored<()>> {
        Box::pin(repo::save_group(&self.db, group, true))
    }

    fn load_communities(&self) -> Boxed<'_, Stored<Vec<super::CommunityRecord>>> {
        Box::pin(repo::load_communities(&self.db))
    }

    fn save_communities<'a>(
        &'a self,
        rooms: &'a [super::CommunityRecord],
    ) -> Boxed<'a, Stored<()>> {
        Box::pin(repo::save_communities(&self.db, rooms))
    }

    fn apply_synced<'a>(
        &'a self,
        synced: &'a [SyncedConversation],
    ) -> Boxed<'a, Stored<Vec<ConversationRecord>>> {
        Box::pin(repo::apply_synced(&self.db, synced))
    }

    fn wipe(&self) -> Boxed<'_, Stored<()>> {
        Box::pin(repo::wipe(&self.db))
    }
}
