CREATE INDEX posting_account ON posting (account);
