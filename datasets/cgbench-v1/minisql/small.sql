-- A small company: departments and employees.
CREATE TABLE dept (id INTEGER PRIMARY KEY, name TEXT NOT NULL, floor INTEGER);
CREATE TABLE emp (id INTEGER PRIMARY KEY, name TEXT NOT NULL, dept INTEGER,
                  salary DECIMAL, hired INTEGER, boss INTEGER);
CREATE INDEX emp_dept ON emp (dept);

INSERT INTO dept VALUES (1, 'Engineering', 3), (2, 'Sales', 1), (3, 'Support', 1),
                        (4, 'Research', 4), (5, 'Legal', 2);
INSERT INTO emp VALUES
  (1, 'Ada Park', 1, 9100.00, 2011, NULL),
  (2, 'Ben Ortiz', 1, 7350.50, 2015, 1),
  (3, 'Cleo Novak', 2, 5200.00, 2018, 9),
  (4, 'Dan Moreau', 3, 4100.75, 2020, 10),
  (5, 'Eva Lind', 1, 6800.00, 2019, 2),
  (6, 'Finn Berg', 4, 8000.00, 2012, 1),
  (7, 'Gia Rossi', 2, 4950.25, 2021, 3),
  (8, 'Hal Ito', 1, 7350.50, 2016, 2),
  (9, 'Ivy Chen', 2, 6600.00, 2013, 1),
  (10, 'Jon Alvarez', 3, 5000.00, 2014, 1),
  (11, 'Kim Sato', NULL, 3900.00, 2022, 10),
  (12, 'Lea Fischer', 4, 7700.00, 2017, 6);
INSERT INTO emp (id, name, dept, hired) VALUES (13, 'Max Dubois', 3, 2023);

-- errors leave the tables as they were
INSERT INTO emp VALUES (5, 'Dup Key', 1, 1000, 2020, NULL);
INSERT INTO emp VALUES (14, 'Bad Type', 'one', 1000, 2020, NULL);
INSERT INTO emp (id, dept) VALUES (15, 2);
SELECT wage FROM emp;
SELECT name FROM emp WHERE;
SELECT 9223372036854775807 * 2;

SELECT * FROM dept ORDER BY floor DESC, name;
SELECT name, salary, salary * 12 AS yearly FROM emp
WHERE (dept = 1 OR dept = 4) AND NOT salary < 7000 ORDER BY salary DESC, name;
SELECT name, hired FROM emp WHERE name LIKE '%an%' OR name LIKE 'k_m%' ORDER BY hired;
SELECT name FROM emp WHERE salary IS NULL OR dept IS NULL;
SELECT id, name FROM emp WHERE hired BETWEEN 2015 AND 2019 AND id NOT IN (5, 8) ORDER BY 1;
SELECT DISTINCT dept FROM emp WHERE dept IS NOT NULL ORDER BY dept DESC;
SELECT name, salary FROM emp ORDER BY salary DESC, id LIMIT 3 OFFSET 2;

SELECT dept, COUNT(*) AS n, COUNT(salary) AS paid, SUM(salary) AS total,
       MIN(salary) AS low, MAX(salary) AS high, AVG(salary) AS mean, AVG(hired) AS year
FROM emp GROUP BY dept ORDER BY dept;
SELECT d.name, COUNT(*) AS staff, SUM(e.salary) AS payroll
FROM dept d JOIN emp e ON e.dept = d.id
GROUP BY d.name HAVING COUNT(*) >= 3 ORDER BY payroll DESC;
SELECT d.name AS department, COUNT(e.id) AS staff
FROM dept d LEFT JOIN emp e ON e.dept = d.id GROUP BY d.id ORDER BY staff, department;
SELECT e.name AS employee, b.name AS manager, e.salary - b.salary AS gap
FROM emp e JOIN emp b ON b.id = e.boss WHERE e.salary > 6000 ORDER BY gap DESC;
SELECT e.name, d.name, d.floor FROM emp e JOIN dept d ON d.id = e.dept
WHERE d.floor = 1 ORDER BY d.name, e.name;

SELECT name FROM emp WHERE dept IN (SELECT id FROM dept WHERE floor >= 3) ORDER BY name;
SELECT name, salary FROM emp WHERE salary > (SELECT AVG(salary) FROM emp) ORDER BY salary;
SELECT name FROM dept WHERE EXISTS (SELECT id FROM emp WHERE hired < 2012);
SELECT band, COUNT(*) AS n FROM
  (SELECT CASE WHEN salary >= 7000 THEN 'high' WHEN salary >= 5000 THEN 'mid'
               WHEN salary IS NULL THEN 'unknown' ELSE 'low' END AS band FROM emp) AS b
GROUP BY band ORDER BY n DESC, band;

SELECT UPPER(name) AS upper_name, LENGTH(name) AS len, SUBSTR(name, 1, INSTR(name, ' ') - 1) AS first,
       LOWER(REPLACE(name, ' ', '_')) AS login, TYPEOF(salary) AS t
FROM emp WHERE id <= 4 ORDER BY id;
SELECT 7 / 2, -7 / 2, 7 % 3, 7.00 / 2, 10 / 3.00, 1 / 0, ROUND(2.50), ROUND(-2.50), ABS(-12),
       COALESCE(NULL, 'x'), MIN(4, 2, 9), MAX(4, 2, 9), 'a' || 1 || 2.50, TRIM('  pad  ');
SELECT value, value * value AS square, HASH(value) % 100 AS h FROM SERIES(1, 10, 3);

EXPLAIN SELECT name FROM emp WHERE id = 7;
EXPLAIN SELECT name FROM emp WHERE dept = 2 AND salary > 5000;
EXPLAIN SELECT e.name, d.name FROM dept d JOIN emp e ON e.dept = d.id WHERE d.floor = 1;
EXPLAIN SELECT dept, COUNT(*) FROM emp WHERE id BETWEEN 3 AND 9 GROUP BY dept ORDER BY 2 DESC LIMIT 2;

-- four years of weekly timesheets
CREATE TABLE hours (emp INTEGER NOT NULL, week INTEGER, hours INTEGER);
CREATE INDEX hours_emp ON hours (emp);
INSERT INTO hours SELECT value % 13 + 1, value / 13 + 1, 30 + HASH(value, 5) % 16 FROM SERIES(0, 2703);
SELECT e.name, COUNT(*) AS weeks, SUM(h.hours) AS total, MAX(h.hours) AS most, AVG(h.hours) AS mean
FROM emp e JOIN hours h ON h.emp = e.id GROUP BY e.name ORDER BY total DESC, e.name LIMIT 5;
SELECT h.week, SUM(h.hours) AS total FROM hours h JOIN emp e ON e.id = h.emp
WHERE e.dept = 1 AND h.week BETWEEN 50 AND 53 GROUP BY h.week ORDER BY h.week;
ASSERT (SELECT COUNT(*) FROM hours) = 13 * 208;
ASSERT (SELECT COUNT(*) FROM hours WHERE emp = 3) = (SELECT COUNT(*) FROM hours WHERE emp + 0 = 3);

UPDATE emp SET salary = salary * 1.05 WHERE dept = 3 AND salary IS NOT NULL;
UPDATE emp SET dept = 4, boss = 6 WHERE name = 'Kim Sato';
UPDATE emp SET id = id + 100 WHERE id > 10;
UPDATE emp SET id = 1 WHERE id = 2;
SELECT id, name, dept, salary, boss FROM emp WHERE dept >= 3 ORDER BY id;
DELETE FROM emp WHERE salary IS NULL;
DELETE FROM dept WHERE id NOT IN (SELECT dept FROM emp WHERE dept IS NOT NULL);
SELECT d.name, COUNT(*) AS staff FROM dept d JOIN emp e ON e.dept = d.id GROUP BY d.name ORDER BY d.name;

ASSERT (SELECT COUNT(*) FROM emp) = 12;
ASSERT (SELECT COUNT(*) FROM emp WHERE dept = 1) = (SELECT COUNT(*) FROM emp WHERE dept + 0 = 1);
ASSERT (SELECT SUM(salary) FROM emp) = (SELECT SUM(total) FROM (SELECT dept, SUM(salary) AS total FROM emp GROUP BY dept) AS t);
ASSERT NOT EXISTS (SELECT id FROM dept WHERE name = 'Legal');
