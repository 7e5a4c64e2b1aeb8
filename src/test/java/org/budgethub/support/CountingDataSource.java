package org.budgethub.support;

import java.io.Closeable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The finance database as the hub's routes see it, with every statement it is asked to prepare
 * written down: how a test counts the queries of a run without pg_stat_statements. Import
 * {@link Config} into a Spring test to wrap the {@code financeDataSource} bean.
 */
public final class CountingDataSource {

    private static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();

    private CountingDataSource() {
    }

    /** Wraps the finance data source: the camel-sql endpoints find it under its bean name as before. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        static BeanPostProcessor countFinanceStatements() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return "financeDataSource".equals(name) && bean instanceof DataSource ds ? wrap(ds) : bean;
                }
            };
        }
    }

    /** Every statement prepared since the last {@link #reset()}, in order. */
    public static List<String> statements() {
        return List.copyOf(STATEMENTS);
    }

    public static void reset() {
        STATEMENTS.clear();
    }

    /** How many statements prepared since the last reset match. */
    public static long count(Predicate<String> which) {
        return STATEMENTS.stream().filter(which).count();
    }

    static DataSource wrap(DataSource target) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                if (target instanceof AutoCloseable closeable) {
                    closeable.close();
                }
                return null;
            }
            Object result = invoke(target, method, args);
            return result instanceof Connection c ? connection(c) : result;
        };
        return (DataSource) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class, Closeable.class}, handler);
    }

    private static Connection connection(Connection target) {
        InvocationHandler handler = (proxy, method, args) -> {
            if ((method.getName().equals("prepareStatement") || method.getName().equals("prepareCall"))
                    && args != null && args.length > 0 && args[0] instanceof String sql) {
                STATEMENTS.add(sql);
            }
            return invoke(target, method, args);
        };
        return (Connection) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
