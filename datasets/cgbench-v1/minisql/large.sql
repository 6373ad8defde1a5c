-- A generated shop: 1500 customers, 300 products, 12000 orders.
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT, tier INTEGER, joined INTEGER);
CREATE TABLE products (pid INTEGER PRIMARY KEY, title TEXT, category TEXT, price DECIMAL);
CREATE TABLE orders (oid INTEGER PRIMARY KEY, cust INTEGER NOT NULL, pid INTEGER, qty INTEGER, day INTEGER);
CREATE INDEX orders_cust ON orders (cust);
CREATE INDEX orders_day ON orders (day);

INSERT INTO customers
SELECT value, 'cust' || value,
       CASE HASH(value, 1) % 6 WHEN 0 THEN 'Oslo' WHEN 1 THEN 'Bergen' WHEN 2 THEN 'Tromso'
            WHEN 3 THEN 'Stavanger' WHEN 4 THEN 'Bodo' ELSE 'Alta' END,
       HASH(value, 2) % 4 + 1, 2000 + HASH(value, 3) % 25
FROM SERIES(1, 1500);

INSERT INTO products
SELECT value,
       UPPER(SUBSTR('alphabetagammadeltaepsilonzetaetathetaiotakappa', HASH(value, 4) % 40 + 1, 3 + HASH(value, 5) % 5)) || '-' || value,
       CASE HASH(value, 6) % 4 WHEN 0 THEN 'tools' WHEN 1 THEN 'garden' WHEN 2 THEN 'kitchen' ELSE 'toys' END,
       (HASH(value, 7) % 20000 + 99) * 0.01
FROM SERIES(1, 300);

INSERT INTO orders
SELECT value, HASH(value, 8) % 1500 + 1, HASH(value, 9) % 300 + 1, HASH(value, 10) % 5 + 1, HASH(value, 11) % 365
FROM SERIES(1, 12000);

SELECT COUNT(*) AS orders, SUM(qty) AS items, MIN(day), MAX(day), AVG(qty) FROM orders;

SELECT c.city, COUNT(*) AS n, SUM(o.qty * p.price) AS revenue, AVG(o.qty * p.price) AS avg_order
FROM orders o JOIN customers c ON c.id = o.cust JOIN products p ON p.pid = o.pid
GROUP BY c.city ORDER BY revenue DESC;

SELECT c.id, c.name, COUNT(*) AS orders, SUM(o.qty * p.price) AS spent
FROM customers c JOIN orders o ON o.cust = c.id JOIN products p ON p.pid = o.pid
GROUP BY c.id ORDER BY spent DESC, c.id LIMIT 10;

SELECT p.category,
       SUM(CASE WHEN c.tier = 1 THEN o.qty ELSE 0 END) AS tier1,
       SUM(CASE WHEN c.tier = 2 THEN o.qty ELSE 0 END) AS tier2,
       SUM(CASE WHEN c.tier = 3 THEN o.qty ELSE 0 END) AS tier3,
       SUM(CASE WHEN c.tier = 4 THEN o.qty ELSE 0 END) AS tier4
FROM orders o JOIN products p ON p.pid = o.pid JOIN customers c ON c.id = o.cust
GROUP BY p.category ORDER BY p.category;

EXPLAIN SELECT COUNT(*) FROM orders WHERE day BETWEEN 100 AND 109;
SELECT day, COUNT(*) AS n, SUM(qty) AS q FROM orders WHERE day BETWEEN 100 AND 109 GROUP BY day ORDER BY day;
ASSERT (SELECT COUNT(*) FROM orders WHERE day BETWEEN 100 AND 109)
     = (SELECT COUNT(*) FROM orders WHERE day + 0 BETWEEN 100 AND 109);

SELECT n AS orders_per_customer, COUNT(*) AS customers
FROM (SELECT cust, COUNT(*) AS n FROM orders GROUP BY cust) AS t
GROUP BY n ORDER BY n;

SELECT title, price FROM products WHERE title LIKE '%ETA%' ORDER BY price DESC, title LIMIT 8;

UPDATE products SET price = price * 1.05 WHERE category = 'tools';
DELETE FROM orders WHERE qty = 5 AND day >= 300;
UPDATE customers SET tier = tier + 1 WHERE city = 'Alta' AND tier < 4;

SELECT COUNT(*) AS orders, SUM(qty) AS items FROM orders;
SELECT tier, COUNT(*) AS customers, COUNT(DISTINCT city) AS cities FROM customers GROUP BY tier ORDER BY tier;

SELECT c.joined, COUNT(DISTINCT o.cust) AS active, SUM(o.qty) AS items
FROM customers c LEFT JOIN orders o ON o.cust = c.id
WHERE c.joined >= 2020 GROUP BY c.joined ORDER BY c.joined;

SELECT name, city FROM customers WHERE id IN (SELECT cust FROM orders WHERE day = 7 AND qty >= 4) ORDER BY name;

ASSERT (SELECT SUM(n) FROM (SELECT cust, COUNT(*) AS n FROM orders GROUP BY cust) AS t) = (SELECT COUNT(*) FROM orders);
ASSERT (SELECT COUNT(*) FROM orders o JOIN customers c ON c.id = o.cust) = (SELECT COUNT(*) FROM orders);
ASSERT NOT EXISTS (SELECT oid FROM orders WHERE qty = 5 AND day >= 300);
