//! Compare mode: the same devices in two worlds, one where every client speaks POP3 (download and delete)
//! and one where every client speaks IMAP, driven by the same actions so the difference between the two
//! models shows up in numbers: what the server keeps, what each device holds.

use crate::sim::device::{ClientSetup, DeviceClient, DeviceKind, DeviceSetup, Protocol};
use crate::sim::imap::SyncMode;
use crate::sim::time::SimTime;
use crate::sim::timeline::Timeline;
use crate::sim::world::{Action, ActionError, World, WorldSetup, LOGIN};

/// Which of the two worlds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Pop3,
    Imap,
}

impl Side {
    pub const BOTH: [Side; 2] = [Side::Pop3, Side::Imap];

    pub fn protocol(self) -> Protocol {
        match self {
            Side::Pop3 => Protocol::Pop3,
            Side::Imap => Protocol::Imap,
        }
    }

    /// The client a device gets in this world: IMAP devices keep their own settings (sync mode, delete
    /// model), so the IMAP world behaves as the normal one does; everyone else gets the side's default.
    fn client_for(self, client: &ClientSetup) -> ClientSetup {
        match (self, client) {
            (Side::Pop3, _) => ClientSetup::pop3_download_and_delete(),
            (Side::Imap, ClientSetup::Imap { .. }) => client.clone(),
            (Side::Imap, ClientSetup::Pop3(_)) => ClientSetup::imap(SyncMode::PushWithIdle),
        }
    }

    /// The setup of this side's world: the same devices (ids, kinds, latency), each with the side's client.
    pub fn setup(self, base: &WorldSetup) -> WorldSetup {
        let mut setup = base.clone();
        for device in &mut setup.devices {
            device.client = self.client_for(&device.client);
        }
        setup
    }

    /// The action as this world takes it: a device added or reconfigured keeps the world all-POP3 or all-IMAP.
    fn action_for(self, action: &Action) -> Action {
        match action {
            Action::AddDevice { kind, client } => Action::AddDevice {
                kind: *kind,
                client: self.client_for(client),
            },
            Action::ConfigureDevice { device, client } => Action::ConfigureDevice {
                device: device.clone(),
                client: self.client_for(client),
            },
            // Named one by one, so that a new action must be decided on here.
            Action::CheckMail { .. }
            | Action::ToggleOnline { .. }
            | Action::OpenMessage { .. }
            | Action::DeleteMessage { .. }
            | Action::ToggleFlag { .. }
            | Action::MoveMessage { .. }
            | Action::SendMail { .. }
            | Action::RemoveDevice { .. }
            | Action::WarpDays { .. }
            | Action::InjectFault { .. }
            | Action::InjectRandomFault
            | Action::TypeTerminalLine { .. } => action.clone(),
        }
    }
}

/// The setup a world would be rebuilt from as it stands now: its devices as they are (added, removed,
/// reconfigured), with the original seed, mail and quota. Compare mode starts from it.
pub fn setup_of(world: &World) -> WorldSetup {
    let mut setup = world.setup().clone();
    setup.devices = world
        .devices()
        .iter()
        .map(|d| DeviceSetup {
            id: d.id.clone(),
            kind: d.kind,
            client: match &d.client {
                DeviceClient::Pop3 { settings, .. } => ClientSetup::Pop3(settings.clone()),
                DeviceClient::Imap(client) => ClientSetup::Imap {
                    sync_mode: client.settings.sync_mode,
                    delete_model: client.settings.delete_model,
                    use_qresync: client.settings.use_qresync,
                },
            },
            latency: d.latency,
        })
        .collect();
    setup
}

/// What one action did on each side: a side may refuse what the other accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acted {
    pub pop3: Result<(), ActionError>,
    pub imap: Result<(), ActionError>,
}

impl Acted {
    pub fn on(&self, side: Side) -> &Result<(), ActionError> {
        match side {
            Side::Pop3 => &self.pop3,
            Side::Imap => &self.imap,
        }
    }
}

/// The two worlds, each with its own timeline, sharing one clock.
#[derive(Debug)]
pub struct Comparison {
    pop3: Timeline,
    imap: Timeline,
}

impl Comparison {
    /// Both worlds from one setup, at sim time zero. The setup must be valid ([`WorldSetup::validate`]).
    pub fn new(base: &WorldSetup) -> Self {
        Comparison {
            pop3: Timeline::new(Side::Pop3.setup(base)),
            imap: Timeline::new(Side::Imap.setup(base)),
        }
    }

    pub fn side(&self, side: Side) -> &Timeline {
        match side {
            Side::Pop3 => &self.pop3,
            Side::Imap => &self.imap,
        }
    }

    /// The shared clock: the later of the two (a side that ran ahead, say to finish its wire before a
    /// time warp, is waited for by the other).
    pub fn now(&self) -> SimTime {
        self.pop3.world().now().max(self.imap.world().now())
    }

    /// Applies the same action to both worlds at `now`. Each side refuses or accepts on its own; a refusal
    /// changes nothing there and does not stop the other side.
    pub fn act(&mut self, action: &Action, now: SimTime) -> Acted {
        let pop3 = self.pop3.act(Side::Pop3.action_for(action), now);
        let imap = self.imap.act(Side::Imap.action_for(action), now);
        self.keep_clocks_together();
        Acted { pop3, imap }
    }

    /// Lets sim time pass to `t` in both worlds.
    pub fn advance_to(&mut self, t: SimTime) {
        self.pop3.advance_to(t);
        self.imap.advance_to(t);
        self.keep_clocks_together();
    }

    /// Processes the next thing that happens in either world, moving both clocks to it. False if neither
    /// world has anything due.
    pub fn step(&mut self) -> bool {
        let next = [&self.pop3, &self.imap]
            .iter()
            .filter_map(|t| t.world().next_event_time())
            .min();
        match next {
            Some(at) => {
                self.advance_to(at.max(self.now()));
                true
            }
            None => false,
        }
    }

    /// Runs both worlds until nothing is on their wires (`?speed=instant`).
    pub fn run_until_idle(&mut self) {
        self.pop3.run_until_idle();
        self.imap.run_until_idle();
        self.keep_clocks_together();
    }

    /// Moves the side that is behind up to the other's clock, so both show the same time.
    fn keep_clocks_together(&mut self) {
        let now = self.now();
        self.pop3.advance_to(now);
        self.imap.advance_to(now);
    }

    /// What each side holds, and which cells differ between them.
    pub fn divergence(&self) -> Divergence {
        let pop3 = summarize(self.pop3.world());
        let imap = summarize(self.imap.world());
        let mut differing = Vec::new();
        if pop3.server.messages != imap.server.messages {
            differing.push(Cell::ServerMessages);
        }
        if pop3.server.octets != imap.server.octets {
            differing.push(Cell::ServerOctets);
        }
        let mut folders: Vec<&str> = pop3
            .server
            .folders
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        for (name, _) in &imap.server.folders {
            if !folders.contains(&name.as_str()) {
                folders.push(name);
            }
        }
        for folder in folders {
            if pop3.server.folder(folder) != imap.server.folder(folder) {
                differing.push(Cell::Folder(folder.to_string()));
            }
        }
        let mut devices: Vec<&str> = pop3.devices.iter().map(|d| d.id.as_str()).collect();
        for d in &imap.devices {
            if !devices.contains(&d.id.as_str()) {
                devices.push(&d.id);
            }
        }
        for id in devices {
            let pop3_ids = pop3.device(id).map(DeviceSummary::sorted_message_ids);
            if pop3_ids != imap.device(id).map(DeviceSummary::sorted_message_ids) {
                differing.push(Cell::Device(id.to_string()));
            }
        }
        Divergence {
            pop3,
            imap,
            differing,
        }
    }
}

/// The server's storage as one side sees it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServerSummary {
    /// Each folder and how many messages it holds.
    pub folders: Vec<(String, usize)>,
    /// Messages in all folders.
    pub messages: usize,
    /// Octets in all folders (the account's used bytes).
    pub octets: usize,
}

impl ServerSummary {
    /// How many messages a folder holds, if it exists.
    pub fn folder(&self, name: &str) -> Option<usize> {
        self.folders
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, c)| *c)
    }
}

/// One device as one side sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceSummary {
    pub id: String,
    pub kind: DeviceKind,
    pub protocol: Protocol,
    pub online: bool,
    pub connected: bool,
    /// (Message-ID, Subject) of every message it holds, in the device's order.
    pub messages: Vec<(String, String)>,
}

impl DeviceSummary {
    /// The Message-IDs it holds as a sorted list (duplicates kept), to compare regardless of order.
    pub fn sorted_message_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.messages.iter().map(|(id, _)| id.as_str()).collect();
        ids.sort_unstable();
        ids
    }
}

/// Everything one side shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideSummary {
    pub server: ServerSummary,
    pub devices: Vec<DeviceSummary>,
}

impl SideSummary {
    pub fn device(&self, id: &str) -> Option<&DeviceSummary> {
        self.devices.iter().find(|d| d.id == id)
    }
}

/// A cell of the comparison that may differ between the two sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    ServerMessages,
    ServerOctets,
    /// The number of messages in one server folder (or the folder exists on one side only).
    Folder(String),
    /// The messages a device holds (by Message-ID).
    Device(String),
}

/// Both sides and what differs between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Divergence {
    pub pop3: SideSummary,
    pub imap: SideSummary,
    /// Every cell that differs, server cells first, then folders, then devices in order.
    pub differing: Vec<Cell>,
}

impl Divergence {
    pub fn side(&self, side: Side) -> &SideSummary {
        match side {
            Side::Pop3 => &self.pop3,
            Side::Imap => &self.imap,
        }
    }

    pub fn differs(&self, cell: &Cell) -> bool {
        self.differing.contains(cell)
    }
}

fn summarize(world: &World) -> SideSummary {
    let server = world
        .store()
        .account(LOGIN)
        .map(|account| ServerSummary {
            folders: account
                .mailboxes
                .iter()
                .map(|mb| (mb.name.clone(), mb.exists()))
                .collect(),
            messages: account.mailboxes.iter().map(|mb| mb.exists()).sum(),
            octets: account.used_bytes(),
        })
        .unwrap_or_default();
    let devices = world
        .devices()
        .iter()
        .map(|d| DeviceSummary {
            id: d.id.clone(),
            kind: d.kind,
            protocol: d.protocol(),
            online: d.online,
            connected: d.connection.is_some(),
            messages: d
                .local_messages()
                .into_iter()
                .map(|m| (m.message_id, m.subject))
                .collect(),
        })
        .collect();
    SideSummary { server, devices }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::mail::Flag;

    fn check_mail(device: &str) -> Action {
        Action::CheckMail {
            device: device.into(),
        }
    }

    fn send_mail() -> Action {
        Action::SendMail {
            from: "Bob <bob@example.net>".into(),
            subject: "Lunch".into(),
            body: "Noon?".into(),
        }
    }

    /// Applies the action at the shared clock and runs both worlds to rest, as `?speed=instant` does.
    fn act_until_idle(compare: &mut Comparison, action: Action) -> Acted {
        let acted = compare.act(&action, compare.now());
        compare.run_until_idle();
        acted
    }

    fn check_every_device(compare: &mut Comparison) {
        for device in ["laptop", "phone", "tablet"] {
            let acted = act_until_idle(compare, check_mail(device));
            assert_eq!(acted.pop3, Ok(()));
            assert_eq!(acted.imap, Ok(()));
        }
    }

    #[test]
    fn both_worlds_have_the_same_devices_one_all_pop3_the_other_all_imap() {
        let base = WorldSetup::default();
        let pop3 = Side::Pop3.setup(&base);
        let imap = Side::Imap.setup(&base);
        for setup in [&pop3, &imap] {
            assert_eq!(setup.validate(), Ok(()));
            let ids: Vec<(&str, DeviceKind, SimTime)> = setup
                .devices
                .iter()
                .map(|d| (d.id.as_str(), d.kind, d.latency))
                .collect();
            let base_ids: Vec<(&str, DeviceKind, SimTime)> = base
                .devices
                .iter()
                .map(|d| (d.id.as_str(), d.kind, d.latency))
                .collect();
            assert_eq!(ids, base_ids);
        }
        assert!(pop3
            .devices
            .iter()
            .all(|d| d.client == ClientSetup::pop3_download_and_delete()));
        assert!(imap
            .devices
            .iter()
            .all(|d| d.client.protocol() == Protocol::Imap));
        // The tablet keeps its own polling; the laptop, POP3 in the normal world, gets push.
        assert_eq!(imap.devices[2].client, base.devices[2].client);
        assert_eq!(
            imap.devices[0].client,
            ClientSetup::imap(SyncMode::PushWithIdle)
        );
    }

    #[test]
    fn at_the_start_nothing_differs() {
        let compare = Comparison::new(&WorldSetup::default());
        let divergence = compare.divergence();
        assert_eq!(divergence.differing, []);
        assert_eq!(divergence.pop3.server.messages, 3);
        assert_eq!(divergence.pop3.server, divergence.imap.server);
    }

    #[test]
    fn after_the_same_checks_the_pop3_server_is_empty_and_the_imap_server_keeps_everything() {
        let mut compare = Comparison::new(&WorldSetup::default());
        let before = compare.divergence().imap.server.clone();
        check_every_device(&mut compare);
        let divergence = compare.divergence();
        assert_eq!(divergence.pop3.server.messages, 0);
        assert_eq!(divergence.pop3.server.octets, 0);
        assert_eq!(divergence.imap.server, before);
        // POP3: the first device to check took everything, the others found nothing.
        let counts = |side: &SideSummary| -> Vec<usize> {
            side.devices.iter().map(|d| d.messages.len()).collect()
        };
        assert_eq!(counts(&divergence.pop3), [3, 0, 0]);
        assert_eq!(counts(&divergence.imap), [3, 3, 3]);
    }

    #[test]
    fn divergence_lists_exactly_the_cells_that_differ() {
        let mut compare = Comparison::new(&WorldSetup::default());
        check_every_device(&mut compare);
        act_until_idle(&mut compare, send_mail());
        act_until_idle(&mut compare, check_mail("laptop"));
        let divergence = compare.divergence();
        // The laptop holds the same four messages in both worlds; the server and the other devices differ.
        assert_eq!(
            divergence.differing,
            [
                Cell::ServerMessages,
                Cell::ServerOctets,
                Cell::Folder("INBOX".into()),
                Cell::Device("phone".into()),
                Cell::Device("tablet".into()),
            ]
        );
        assert_eq!(divergence.pop3.device("laptop").unwrap().messages.len(), 4);
        assert!(!divergence.differs(&Cell::Device("laptop".into())));
        // The IDLE phone got the new mail pushed; the polling tablet has not looked since.
        assert_eq!(divergence.imap.device("phone").unwrap().messages.len(), 4);
        assert_eq!(divergence.imap.device("tablet").unwrap().messages.len(), 3);
        assert_eq!(divergence.imap.server.messages, 4);
        assert_eq!(divergence.pop3.server.messages, 0);
    }

    #[test]
    fn an_action_one_side_refuses_is_reported_there_and_still_applied_on_the_other() {
        let mut compare = Comparison::new(&WorldSetup::default());
        check_every_device(&mut compare);
        let phone_message = compare.divergence().imap.device("phone").unwrap().messages[0]
            .0
            .clone();
        // Only the IMAP phone holds the message: the POP3 laptop took it.
        let acted = act_until_idle(
            &mut compare,
            Action::ToggleFlag {
                device: "phone".into(),
                folder: "INBOX".into(),
                message_id: phone_message.clone(),
            },
        );
        assert!(matches!(acted.pop3, Err(ActionError::NoSuchMessage { .. })));
        assert_eq!(acted.imap, Ok(()));
        let flagged = compare
            .side(Side::Imap)
            .world()
            .store()
            .account(LOGIN)
            .and_then(|a| {
                a.inbox()
                    .messages
                    .iter()
                    .find(|m| m.message_id == phone_message)
                    .map(|m| m.flags.contains(Flag::Flagged))
            });
        assert_eq!(
            flagged,
            Some(true),
            "the IMAP side flagged it on the server"
        );
        // A fault for POP3 clients only is refused by the IMAP world and armed in the POP3 one.
        let acted = compare.act(
            &Action::InjectFault {
                fault: crate::sim::world::Fault::UidlStateLost {
                    device: "laptop".into(),
                },
            },
            compare.now(),
        );
        assert_eq!(acted.pop3, Ok(()));
        assert_eq!(acted.on(Side::Imap), &Err(ActionError::NotForThisProtocol));
    }

    #[test]
    fn time_passes_in_both_worlds_together() {
        let mut compare = Comparison::new(&WorldSetup::default());
        compare.act(&check_mail("laptop"), SimTime::ZERO);
        compare.advance_to(SimTime::from_millis(1_500));
        assert_eq!(compare.side(Side::Pop3).world().now(), compare.now());
        assert_eq!(compare.side(Side::Imap).world().now(), compare.now());
        let acted = compare.act(&Action::WarpDays { days: 7 }, compare.now());
        assert_eq!((acted.pop3, acted.imap), (Ok(()), Ok(())));
        assert!(compare.now() >= SimTime::from_minutes(7 * 24 * 60));
        assert_eq!(
            compare.side(Side::Pop3).world().now(),
            compare.side(Side::Imap).world().now()
        );
        while compare.step() {
            assert_eq!(
                compare.side(Side::Pop3).world().now(),
                compare.side(Side::Imap).world().now()
            );
            if !compare.side(Side::Pop3).world().lines_in_flight()
                && !compare.side(Side::Imap).world().lines_in_flight()
            {
                break;
            }
        }
    }

    #[test]
    fn a_device_added_in_compare_mode_speaks_each_side_s_protocol() {
        let mut compare = Comparison::new(&WorldSetup::default());
        let acted = compare.act(
            &Action::AddDevice {
                kind: DeviceKind::Desktop,
                client: ClientSetup::imap(SyncMode::PushWithIdle),
            },
            SimTime::ZERO,
        );
        assert_eq!((acted.pop3, acted.imap), (Ok(()), Ok(())));
        let divergence = compare.divergence();
        for side in Side::BOTH {
            let desktop = divergence.side(side).device("desktop").unwrap();
            assert_eq!(desktop.protocol, side.protocol());
        }
    }

    #[test]
    fn compare_mode_starts_from_the_world_as_it_stands() {
        let mut world = World::new(WorldSetup::default());
        world
            .handle_action(
                Action::AddDevice {
                    kind: DeviceKind::Desktop,
                    client: ClientSetup::imap(SyncMode::PushWithIdle),
                },
                SimTime::ZERO,
            )
            .unwrap();
        let setup = setup_of(&world);
        assert_eq!(setup.validate(), Ok(()));
        assert_eq!(setup.devices.len(), 4);
        assert_eq!(setup.devices[..3], WorldSetup::default().devices[..]);
    }
}
