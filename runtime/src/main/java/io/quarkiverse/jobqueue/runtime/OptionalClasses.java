package io.quarkiverse.jobqueue.runtime;

/** Whether a class of an optional dependency (Narayana, SmallRye Fault Tolerance) is on the application's class path. */
public final class OptionalClasses {

    private OptionalClasses() {
    }

    /** Looks the class up without initialising it, through the loader of {@code user}. */
    public static boolean isPresent(String name, Class<?> user) {
        try {
            Class.forName(name, false, user.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
