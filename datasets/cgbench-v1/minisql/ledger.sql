-- Bank ledger: accounts change through rounds of generated transfers,
-- rebuilt into new tables; totals must be preserved.
CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, branch INTEGER, balance DECIMAL NOT NULL);
CREATE INDEX accounts_branch ON accounts (branch);
INSERT INTO accounts
SELECT value, 'owner' || (value * 7919 % 2500), value % 12, (HASH(value, 42) % 500000) * 0.01 + 100
FROM SERIES(1, 3000);

CREATE TABLE transfers (tid INTEGER PRIMARY KEY, src INTEGER NOT NULL, dst INTEGER NOT NULL, amount DECIMAL);
CREATE INDEX transfers_src ON transfers (src);
CREATE INDEX transfers_dst ON transfers (dst);
INSERT INTO transfers
SELECT value, HASH(value, 1) % 3000 + 1, HASH(value, 2) % 3000 + 1, (HASH(value, 3) % 9000 + 1) * 0.01
FROM SERIES(1, 5000);
DELETE FROM transfers WHERE src = dst;

SELECT COUNT(*) AS accounts, SUM(balance) AS total, MIN(balance) AS low, MAX(balance) AS high FROM accounts;
SELECT COUNT(*) AS transfers, SUM(amount) AS moved, AVG(amount) AS mean FROM transfers;

CREATE TABLE flows (id INTEGER PRIMARY KEY, delta DECIMAL);
INSERT INTO flows
SELECT id, SUM(d) FROM
  (SELECT src AS id, 0 - amount AS d FROM transfers) AS t
GROUP BY id;
CREATE TABLE inflow (id INTEGER PRIMARY KEY, delta DECIMAL);
INSERT INTO inflow SELECT dst, SUM(amount) FROM transfers GROUP BY dst;

CREATE TABLE accounts2 (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, branch INTEGER, balance DECIMAL NOT NULL);
CREATE INDEX accounts2_branch ON accounts2 (branch);
INSERT INTO accounts2
SELECT a.id, a.owner, a.branch, a.balance + COALESCE(f.delta, 0) + COALESCE(i.delta, 0)
FROM accounts a LEFT JOIN flows f ON f.id = a.id LEFT JOIN inflow i ON i.id = a.id;

EXPLAIN SELECT a.id FROM accounts a LEFT JOIN flows f ON f.id = a.id LEFT JOIN inflow i ON i.id = a.id;
ASSERT (SELECT SUM(balance) FROM accounts2) = (SELECT SUM(balance) FROM accounts);
ASSERT (SELECT COUNT(*) FROM accounts2) = (SELECT COUNT(*) FROM accounts);

SELECT branch, COUNT(*) AS n, SUM(balance) AS total, AVG(balance) AS mean,
       SUM(CASE WHEN balance < 0 THEN 1 ELSE 0 END) AS overdrawn
FROM accounts2 GROUP BY branch ORDER BY total DESC;
SELECT a.id, a.owner, a.balance AS before, b.balance AS after, b.balance - a.balance AS change
FROM accounts a JOIN accounts2 b ON b.id = a.id
ORDER BY change, a.id LIMIT 5;
SELECT t.tid, t.src, t.dst, t.amount FROM transfers t
WHERE t.src IN (SELECT id FROM accounts2 WHERE balance < 50) ORDER BY t.amount DESC, t.tid LIMIT 6;

-- overdrawn accounts are closed: their money goes to account 1
UPDATE accounts2 SET balance = balance + (SELECT SUM(balance) FROM accounts2 WHERE balance < 0) WHERE id = 1;
DELETE FROM accounts2 WHERE balance < 0;
ASSERT (SELECT SUM(balance) FROM accounts2) = (SELECT SUM(balance) FROM accounts);
ASSERT NOT EXISTS (SELECT id FROM accounts2 WHERE balance < 0);

-- branches 10 and 11 merge into branch 0
UPDATE accounts2 SET branch = 0 WHERE branch >= 10;
SELECT branch, COUNT(*) AS n FROM accounts2 WHERE branch BETWEEN 0 AND 2 GROUP BY branch ORDER BY branch;
ASSERT (SELECT COUNT(*) FROM accounts2 WHERE branch = 0) = (SELECT COUNT(*) FROM accounts2 WHERE branch + 0 = 0);
ASSERT (SELECT COUNT(*) FROM accounts2 WHERE branch >= 10) = 0;

SELECT owner, COUNT(*) AS accounts, SUM(balance) AS total FROM accounts2
GROUP BY owner HAVING COUNT(*) > 1 ORDER BY total DESC, owner LIMIT 5;
SELECT COUNT(DISTINCT owner) AS owners, COUNT(DISTINCT branch) AS branches FROM accounts2;
SELECT rich.id, rich.balance FROM (SELECT id, balance FROM accounts2 ORDER BY balance DESC LIMIT 3) AS rich ORDER BY rich.id;
DROP TABLE flows;
DROP TABLE inflow;
DROP INDEX transfers_dst;
