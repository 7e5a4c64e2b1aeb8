package org.budgethub.web;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list the server pages: what every paged JSON list answers
 * ({@code {"items": [...], "page", "size", "total"}}) and what paged console tables are built from.
 * Pages count from 1; {@code total} is the number of rows matching the filters, over all pages.
 */
public record Paged<T>(List<T> items, int page, int size, long total) {

    /** The largest page any list serves: a bound on what one request can load, whatever it asks. */
    public static final int MAX_SIZE = 200;
    public static final int DEFAULT_SIZE = 50;

    public Paged {
        items = List.copyOf(items);
    }

    /** The page asked for, made safe: at least 1 (a bad number is page 1). */
    public static int page(Integer page) {
        return page == null || page < 1 ? 1 : page;
    }

    /** The size asked for, made safe: {@link #DEFAULT_SIZE} when absent, at most {@link #MAX_SIZE}. */
    public static int size(Integer size) {
        return size == null || size < 1 ? DEFAULT_SIZE : Math.min(size, MAX_SIZE);
    }

    /** The size asked for of a list whose rows are heavy (a task with its findings): {@code fallback} when absent, at most {@code max}. */
    public static int size(Integer size, int fallback, int max) {
        return size == null || size < 1 ? fallback : Math.min(size, max);
    }

    /** The SQL OFFSET of a (safe) page. */
    public static long offset(int page, int size) {
        return (long) (page - 1) * size;
    }

    public int pages() {
        return total == 0 ? 1 : (int) ((total + size - 1) / size);
    }

    public boolean hasNext() {
        return page < pages();
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public <R> Paged<R> map(Function<? super T, ? extends R> f) {
        return new Paged<>(items.stream().<R>map(f).toList(), page, size, total);
    }
}
