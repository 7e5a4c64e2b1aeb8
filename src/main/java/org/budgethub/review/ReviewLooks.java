package org.budgethub.review;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which reviewer opened which version's preview (page, PDF) or diff, and when first (table
 * review_look): the review card says 已查看 / 未查看, and units are approved together only when
 * the approving reviewer looked at each.
 */
@Component
public class ReviewLooks {

    /** An IN list of more ids is asked in parts: databases bound the number of parameters. */
    private static final int CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();

    public ReviewLooks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code user} opened the version: the first time is kept. */
    public void looked(long deliveryId, String user) {
        if (user == null) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        try {
            jdbc.update("INSERT INTO review_look (delivery_id, username, looked_at) SELECT ?, ?, ? FROM delivery d WHERE d.id = ? "
                    + "AND NOT EXISTS (SELECT 1 FROM review_look l WHERE l.delivery_id = ? AND l.username = ?)",
                    deliveryId, user, now, deliveryId, deliveryId, user);
        } catch (DuplicateKeyException e) {
            // two tabs at once: the other one recorded it
        }
    }

    /** When {@code user} first opened each of these versions; absent ones were not opened. */
    public Map<Long, java.time.Instant> lookedAt(String user, Collection<Long> ids) {
        Map<Long, java.time.Instant> out = new HashMap<>();
        List<Long> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<Long> part = all.subList(from, Math.min(all.size(), from + CHUNK));
            Object[] args = new Object[part.size() + 1];
            args[0] = user;
            for (int i = 0; i < part.size(); i++) {
                args[i + 1] = part.get(i);
            }
            jdbc.query("SELECT delivery_id, looked_at FROM review_look WHERE username = ? AND delivery_id IN ("
                            + String.join(", ", java.util.Collections.nCopies(part.size(), "?")) + ")",
                    rs -> {
                        out.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
                    }, args);
        }
        return out;
    }
}
