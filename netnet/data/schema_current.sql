CREATE TABLE draft (
	id INTEGER NOT NULL, 
	kind TEXT NOT NULL, 
	title TEXT DEFAULT '' NOT NULL, 
	args TEXT DEFAULT '{}' NOT NULL, 
	fields TEXT DEFAULT '{}' NOT NULL, 
	created_at TEXT NOT NULL, 
	PRIMARY KEY (id)
)
;
CREATE TABLE goal (
	id INTEGER NOT NULL, 
	uuid TEXT NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	kind TEXT NOT NULL, 
	title TEXT NOT NULL, 
	description TEXT DEFAULT '' NOT NULL, 
	status TEXT DEFAULT 'active' NOT NULL, 
	target_date TEXT, 
	created_at TEXT NOT NULL, 
	updated_at TEXT NOT NULL, 
	PRIMARY KEY (id), 
	CHECK (kind IN ('first_job','new_skill','career_change','grow_current','own_words')), 
	CHECK (length(trim(title)) > 0), 
	CHECK (status IN ('active','paused','completed','archived')), 
	UNIQUE (uuid)
)
;
CREATE TABLE import_batch (
	id INTEGER NOT NULL, 
	uuid TEXT NOT NULL, 
	source TEXT NOT NULL, 
	filename TEXT DEFAULT '' NOT NULL, 
	created_at TEXT NOT NULL, 
	counts TEXT DEFAULT '{}' NOT NULL, 
	undone_at TEXT, 
	PRIMARY KEY (id), 
	CHECK (source IN ('linkedin','vcard','csv','json')), 
	UNIQUE (uuid)
)
;
CREATE TABLE saved_question (
	id INTEGER NOT NULL, 
	uuid TEXT NOT NULL, 
	text TEXT NOT NULL, 
	family TEXT DEFAULT '' NOT NULL, 
	purpose TEXT, 
	created_at TEXT NOT NULL, 
	PRIMARY KEY (id), 
	CHECK (length(trim(text)) > 0), 
	CHECK (purpose IS NULL OR purpose IN ('job_org','explore_field','build_network','own_words')), 
	UNIQUE (uuid), 
	UNIQUE (text)
)
;
CREATE TABLE schema_version (
	version INTEGER NOT NULL, 
	applied_at TEXT NOT NULL, 
	PRIMARY KEY (version)
)
;
CREATE TABLE setting (
	"key" TEXT NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
)
;
CREATE TABLE contact (
	id INTEGER NOT NULL, 
	uuid TEXT NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	display_name TEXT NOT NULL, 
	given_name TEXT DEFAULT '' NOT NULL, 
	family_name TEXT DEFAULT '' NOT NULL, 
	nickname TEXT DEFAULT '' NOT NULL, 
	sort_key TEXT NOT NULL, 
	circle TEXT, 
	connector_role TEXT, 
	organisation TEXT DEFAULT '' NOT NULL, 
	title TEXT DEFAULT '' NOT NULL, 
	field TEXT DEFAULT '' NOT NULL, 
	birthday TEXT, 
	notes TEXT DEFAULT '' NOT NULL, 
	introduced_by_id INTEGER, 
	ideal_days INTEGER, 
	max_days INTEGER, 
	last_interaction_at TEXT, 
	search_text TEXT DEFAULT '' NOT NULL, 
	vcard_extra TEXT DEFAULT '[]' NOT NULL, 
	import_batch_id INTEGER, 
	merged_into_id INTEGER, 
	deleted_at TEXT, 
	created_at TEXT NOT NULL, 
	updated_at TEXT NOT NULL, 
	PRIMARY KEY (id), 
	CHECK (length(trim(display_name)) > 0), 
	CHECK (circle IN ('family','neighbour','friend','coworker','classmate','organisation','other')), 
	CHECK (connector_role IN ('clergy','real_estate','hair_beauty','hospitality','retail','counselling','other')), 
	CHECK (ideal_days IS NULL OR ideal_days > 0), 
	CHECK (max_days IS NULL OR ideal_days IS NULL OR max_days >= ideal_days), 
	UNIQUE (uuid), 
	FOREIGN KEY(introduced_by_id) REFERENCES contact (id) ON DELETE SET NULL, 
	FOREIGN KEY(import_batch_id) REFERENCES import_batch (id) ON DELETE SET NULL, 
	FOREIGN KEY(merged_into_id) REFERENCES contact (id) ON DELETE SET NULL
)
;
CREATE INDEX contact_deleted ON contact (deleted_at)
;
CREATE INDEX contact_import_batch_id ON contact (import_batch_id)
;
CREATE INDEX contact_introduced_by ON contact (introduced_by_id)
;
CREATE INDEX contact_last ON contact (last_interaction_at)
;
CREATE INDEX contact_list ON contact (sort_key, id, display_name, organisation, title, circle, connector_role, last_interaction_at, created_at, ideal_days, max_days) WHERE deleted_at IS NULL
;
CREATE INDEX contact_merged_into_id ON contact (merged_into_id)
;
CREATE INDEX contact_org ON contact (organisation COLLATE "NOCASE")
;
CREATE INDEX contact_sort ON contact (sort_key)
;
CREATE TABLE import_change (
	id INTEGER NOT NULL, 
	batch_id INTEGER NOT NULL, 
	contact_id INTEGER NOT NULL, 
	action TEXT NOT NULL, 
	"before" TEXT, 
	PRIMARY KEY (id), 
	CHECK (action IN ('created','updated')), 
	FOREIGN KEY(batch_id) REFERENCES import_batch (id) ON DELETE CASCADE
)
;
CREATE INDEX import_change_batch ON import_change (batch_id)
;
CREATE TABLE contact_method (
	id INTEGER NOT NULL, 
	contact_id INTEGER NOT NULL, 
	kind TEXT NOT NULL, 
	label TEXT DEFAULT '' NOT NULL, 
	value TEXT NOT NULL, 
	norm TEXT NOT NULL, 
	position INTEGER DEFAULT 0 NOT NULL, 
	PRIMARY KEY (id), 
	CHECK (kind IN ('email','phone','link','address')), 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE
)
;
CREATE INDEX contact_method_contact ON contact_method (contact_id)
;
CREATE INDEX contact_method_norm ON contact_method (kind, norm)
;
CREATE TABLE contact_tag (
	contact_id INTEGER NOT NULL, 
	tag TEXT NOT NULL, 
	PRIMARY KEY (contact_id, tag), 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE
)
 WITHOUT ROWID
;
CREATE INDEX contact_tag_tag ON contact_tag (tag)
;
CREATE TABLE merge_record (
	id INTEGER NOT NULL, 
	kept_id INTEGER NOT NULL, 
	merged_id INTEGER NOT NULL, 
	snapshot TEXT NOT NULL, 
	at TEXT NOT NULL, 
	undone_at TEXT, 
	PRIMARY KEY (id), 
	FOREIGN KEY(kept_id) REFERENCES contact (id) ON DELETE CASCADE, 
	FOREIGN KEY(merged_id) REFERENCES contact (id) ON DELETE CASCADE
)
;
CREATE INDEX merge_record_kept_id ON merge_record (kept_id)
;
CREATE INDEX merge_record_merged_id ON merge_record (merged_id)
;
CREATE TABLE target (
	id INTEGER NOT NULL, 
	uuid TEXT NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	goal_id INTEGER NOT NULL, 
	kind TEXT NOT NULL, 
	person_name TEXT DEFAULT '' NOT NULL, 
	job_title TEXT DEFAULT '' NOT NULL, 
	organisation TEXT DEFAULT '' NOT NULL, 
	field TEXT DEFAULT '' NOT NULL, 
	want TEXT DEFAULT 'like' NOT NULL, 
	stage TEXT DEFAULT 'listed' NOT NULL, 
	contact_id INTEGER, 
	notes TEXT DEFAULT '' NOT NULL, 
	position INTEGER DEFAULT 0 NOT NULL, 
	allow_parallel_asks INTEGER DEFAULT 0 NOT NULL, 
	created_at TEXT NOT NULL, 
	updated_at TEXT NOT NULL, 
	PRIMARY KEY (id), 
	CHECK (kind IN ('person','title','organisation')), 
	CHECK (want IN ('like','need')), 
	CHECK (stage IN ('listed','referral_asked','introduced','contacted','interviewed','dropped')), 
	CHECK (allow_parallel_asks IN (0,1)), 
	UNIQUE (uuid), 
	FOREIGN KEY(goal_id) REFERENCES goal (id) ON DELETE CASCADE, 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE SET NULL
)
;
CREATE INDEX target_contact ON target (contact_id)
;
CREATE INDEX target_goal ON target (goal_id)
;
CREATE TABLE interview (
	id INTEGER NOT NULL, 
	uuid TEXT NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	contact_id INTEGER, 
	goal_id INTEGER, 
	target_id INTEGER, 
	purpose TEXT DEFAULT 'job_org' NOT NULL, 
	purpose_text TEXT DEFAULT '' NOT NULL, 
	format TEXT DEFAULT 'phone' NOT NULL, 
	scheduled_at TEXT, 
	length_seconds INTEGER DEFAULT 900 NOT NULL, 
	started_at TEXT, 
	ended_at TEXT, 
	paused_seconds REAL DEFAULT 0 NOT NULL, 
	paused_at TEXT, 
	elapsed_seconds REAL DEFAULT 0 NOT NULL, 
	status TEXT DEFAULT 'draft' NOT NULL, 
	wizard_step INTEGER DEFAULT 0 NOT NULL, 
	notes TEXT DEFAULT '' NOT NULL, 
	learned TEXT DEFAULT '' NOT NULL, 
	created_at TEXT NOT NULL, 
	updated_at TEXT NOT NULL, 
	search_text TEXT DEFAULT '' NOT NULL, 
	PRIMARY KEY (id), 
	CHECK (purpose IN ('job_org','explore_field','build_network','own_words')), 
	CHECK (format IN ('phone','in_person','video')), 
	CHECK (length_seconds > 0), 
	CHECK (status IN ('draft','scheduled','live','done','cancelled')), 
	UNIQUE (uuid), 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE SET NULL, 
	FOREIGN KEY(goal_id) REFERENCES goal (id) ON DELETE SET NULL, 
	FOREIGN KEY(target_id) REFERENCES target (id) ON DELETE SET NULL
)
;
CREATE INDEX interview_contact ON interview (contact_id)
;
CREATE INDEX interview_goal_id ON interview (goal_id)
;
CREATE INDEX interview_status ON interview (status)
;
CREATE INDEX interview_target_id ON interview (target_id)
;
CREATE TABLE referral_ask (
	id INTEGER NOT NULL, 
	uuid TEXT NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	target_id INTEGER NOT NULL, 
	contact_id INTEGER NOT NULL, 
	asked_at TEXT NOT NULL, 
	draft TEXT DEFAULT '' NOT NULL, 
	answer TEXT DEFAULT 'pending' NOT NULL, 
	answered_at TEXT, 
	introduced_contact_id INTEGER, 
	created_at TEXT NOT NULL, 
	updated_at TEXT NOT NULL, 
	PRIMARY KEY (id), 
	CHECK (answer IN ('pending','introduced','no_one','declined')), 
	UNIQUE (uuid), 
	FOREIGN KEY(target_id) REFERENCES target (id) ON DELETE CASCADE, 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE, 
	FOREIGN KEY(introduced_contact_id) REFERENCES contact (id) ON DELETE SET NULL
)
;
CREATE INDEX referral_ask_contact ON referral_ask (contact_id)
;
CREATE INDEX referral_ask_introduced_contact_id ON referral_ask (introduced_contact_id)
;
CREATE INDEX referral_ask_target ON referral_ask (target_id)
;
CREATE TABLE target_stage_event (
	id INTEGER NOT NULL, 
	target_id INTEGER NOT NULL, 
	stage TEXT NOT NULL, 
	at TEXT NOT NULL, 
	note TEXT DEFAULT '' NOT NULL, 
	PRIMARY KEY (id), 
	CHECK (stage IN ('listed','referral_asked','introduced','contacted','interviewed','dropped')), 
	FOREIGN KEY(target_id) REFERENCES target (id) ON DELETE CASCADE
)
;
CREATE INDEX target_stage_event_target ON target_stage_event (target_id)
;
CREATE TABLE followup (
	id INTEGER NOT NULL, 
	uuid TEXT NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	kind TEXT NOT NULL, 
	title TEXT NOT NULL, 
	draft TEXT DEFAULT '' NOT NULL, 
	due_date TEXT NOT NULL, 
	due_at TEXT, 
	status TEXT DEFAULT 'open' NOT NULL, 
	snoozed_until TEXT, 
	done_at TEXT, 
	contact_id INTEGER, 
	interview_id INTEGER, 
	goal_id INTEGER, 
	target_id INTEGER, 
	referral_ask_id INTEGER, 
	created_at TEXT NOT NULL, 
	updated_at TEXT NOT NULL, 
	reason TEXT DEFAULT '' NOT NULL, 
	PRIMARY KEY (id), 
	CHECK (kind IN ('thank_you','referral_next','referral_nudge','checkin','action','interview','manual')), 
	CHECK (length(trim(title)) > 0), 
	CHECK (status IN ('open','done','cancelled')), 
	CHECK (reason IN ('','congratulate','birthday')), 
	UNIQUE (uuid), 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE, 
	FOREIGN KEY(interview_id) REFERENCES interview (id) ON DELETE SET NULL, 
	FOREIGN KEY(goal_id) REFERENCES goal (id) ON DELETE SET NULL, 
	FOREIGN KEY(target_id) REFERENCES target (id) ON DELETE SET NULL, 
	FOREIGN KEY(referral_ask_id) REFERENCES referral_ask (id) ON DELETE CASCADE
)
;
CREATE INDEX followup_contact ON followup (contact_id)
;
CREATE INDEX followup_goal_id ON followup (goal_id)
;
CREATE INDEX followup_interview_id ON followup (interview_id)
;
CREATE INDEX followup_referral_ask_id ON followup (referral_ask_id)
;
CREATE INDEX followup_status_due ON followup (status, due_date)
;
CREATE INDEX followup_target_id ON followup (target_id)
;
CREATE TABLE interaction (
	id INTEGER NOT NULL, 
	uuid TEXT NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	contact_id INTEGER NOT NULL, 
	kind TEXT NOT NULL, 
	occurred_at TEXT NOT NULL, 
	notes TEXT DEFAULT '' NOT NULL, 
	interview_id INTEGER, 
	import_batch_id INTEGER, 
	created_at TEXT NOT NULL, 
	updated_at TEXT NOT NULL, 
	search_text TEXT DEFAULT '' NOT NULL, 
	PRIMARY KEY (id), 
	CHECK (kind IN ('call','meeting','email','message','checkin','interview','introduction','connected','note')), 
	UNIQUE (uuid), 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE, 
	FOREIGN KEY(interview_id) REFERENCES interview (id) ON DELETE SET NULL, 
	FOREIGN KEY(import_batch_id) REFERENCES import_batch (id) ON DELETE SET NULL
)
;
CREATE INDEX interaction_contact ON interaction (contact_id, occurred_at)
;
CREATE INDEX interaction_import_batch_id ON interaction (import_batch_id)
;
CREATE INDEX interaction_interview_id ON interaction (interview_id)
;
CREATE INDEX interaction_occurred_at ON interaction (occurred_at)
;
CREATE TABLE interview_question (
	id INTEGER NOT NULL, 
	uuid TEXT NOT NULL, 
	interview_id INTEGER NOT NULL, 
	position INTEGER DEFAULT 0 NOT NULL, 
	family TEXT DEFAULT '' NOT NULL, 
	text TEXT NOT NULL, 
	answered INTEGER DEFAULT 0 NOT NULL, 
	notes TEXT DEFAULT '' NOT NULL, 
	search_text TEXT DEFAULT '' NOT NULL, 
	PRIMARY KEY (id), 
	CHECK (length(trim(text)) > 0), 
	CHECK (answered IN (0,1)), 
	UNIQUE (uuid), 
	FOREIGN KEY(interview_id) REFERENCES interview (id) ON DELETE CASCADE
)
;
CREATE INDEX interview_question_interview ON interview_question (interview_id, position)
;
CREATE TABLE plan_item (
	id INTEGER NOT NULL, 
	uuid TEXT NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	goal_id INTEGER, 
	kind TEXT DEFAULT 'skill' NOT NULL, 
	horizon TEXT DEFAULT 'short' NOT NULL, 
	text TEXT NOT NULL, 
	status TEXT DEFAULT 'idea' NOT NULL, 
	source_interview_id INTEGER, 
	source_contact_id INTEGER, 
	created_at TEXT NOT NULL, 
	updated_at TEXT NOT NULL, 
	PRIMARY KEY (id), 
	CHECK (kind IN ('skill','insight')), 
	CHECK (horizon IN ('short','long')), 
	CHECK (length(trim(text)) > 0), 
	CHECK (status IN ('idea','doing','done')), 
	UNIQUE (uuid), 
	FOREIGN KEY(goal_id) REFERENCES goal (id) ON DELETE SET NULL, 
	FOREIGN KEY(source_interview_id) REFERENCES interview (id) ON DELETE SET NULL, 
	FOREIGN KEY(source_contact_id) REFERENCES contact (id) ON DELETE SET NULL
)
;
CREATE INDEX plan_item_goal ON plan_item (goal_id)
;
CREATE INDEX plan_item_source_contact_id ON plan_item (source_contact_id)
;
CREATE INDEX plan_item_source_interview_id ON plan_item (source_interview_id)
;
CREATE TABLE job_change (
	id INTEGER NOT NULL, 
	contact_id INTEGER NOT NULL, 
	import_batch_id INTEGER, 
	seen_at TEXT NOT NULL, 
	filename TEXT DEFAULT '' NOT NULL, 
	from_org TEXT DEFAULT '' NOT NULL, 
	from_title TEXT DEFAULT '' NOT NULL, 
	to_org TEXT DEFAULT '' NOT NULL, 
	to_title TEXT DEFAULT '' NOT NULL, 
	followup_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE, 
	FOREIGN KEY(import_batch_id) REFERENCES import_batch (id) ON DELETE SET NULL, 
	FOREIGN KEY(followup_id) REFERENCES followup (id) ON DELETE SET NULL
)
;
CREATE INDEX job_change_contact ON job_change (contact_id, seen_at)
;
CREATE INDEX job_change_followup_id ON job_change (followup_id)
;
CREATE INDEX job_change_import_batch_id ON job_change (import_batch_id)
;
CREATE INDEX job_change_seen_at ON job_change (seen_at)
;
CREATE TABLE opportunity (
	id INTEGER NOT NULL, 
	uuid TEXT NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	kind TEXT DEFAULT 'opening' NOT NULL, 
	title TEXT NOT NULL, 
	organisation TEXT DEFAULT '' NOT NULL, 
	goal_id INTEGER, 
	source_contact_id INTEGER, 
	source_interview_id INTEGER, 
	source_seconds INTEGER, 
	followup_id INTEGER, 
	link TEXT DEFAULT '' NOT NULL, 
	notes TEXT DEFAULT '' NOT NULL, 
	stage TEXT DEFAULT 'heard' NOT NULL, 
	outcome TEXT, 
	deleted_at TEXT, 
	created_at TEXT NOT NULL, 
	updated_at TEXT NOT NULL, 
	PRIMARY KEY (id), 
	CHECK (kind IN ('opening','project','team','programme','volunteer')), 
	CHECK (length(trim(title)) > 0), 
	CHECK (stage IN ('heard','researching','applied','interviewing','offer','closed')), 
	CHECK (outcome IS NULL OR outcome IN ('accepted','declined','not_chosen','withdrawn')), 
	CHECK (source_seconds IS NULL OR source_seconds >= 0), 
	UNIQUE (uuid), 
	FOREIGN KEY(goal_id) REFERENCES goal (id) ON DELETE SET NULL, 
	FOREIGN KEY(source_contact_id) REFERENCES contact (id) ON DELETE SET NULL, 
	FOREIGN KEY(source_interview_id) REFERENCES interview (id) ON DELETE SET NULL, 
	FOREIGN KEY(followup_id) REFERENCES followup (id) ON DELETE SET NULL
)
;
CREATE INDEX opportunity_deleted ON opportunity (deleted_at)
;
CREATE INDEX opportunity_followup_id ON opportunity (followup_id)
;
CREATE INDEX opportunity_goal_id ON opportunity (goal_id)
;
CREATE INDEX opportunity_source_contact_id ON opportunity (source_contact_id)
;
CREATE INDEX opportunity_source_interview_id ON opportunity (source_interview_id)
;
CREATE TABLE opportunity_stage_event (
	id INTEGER NOT NULL, 
	opportunity_id INTEGER NOT NULL, 
	stage TEXT NOT NULL, 
	outcome TEXT, 
	at TEXT NOT NULL, 
	note TEXT DEFAULT '' NOT NULL, 
	PRIMARY KEY (id), 
	CHECK (stage IN ('heard','researching','applied','interviewing','offer','closed')), 
	CHECK (outcome IS NULL OR outcome IN ('accepted','declined','not_chosen','withdrawn')), 
	FOREIGN KEY(opportunity_id) REFERENCES opportunity (id) ON DELETE CASCADE
)
;
CREATE INDEX opportunity_stage_event_opportunity ON opportunity_stage_event (opportunity_id, at)
