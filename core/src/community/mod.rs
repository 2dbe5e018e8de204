//! Communities (SOGS): request-signing headers (messaging.md §7.4).
