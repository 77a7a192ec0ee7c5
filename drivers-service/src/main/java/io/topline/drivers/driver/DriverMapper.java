package io.topline.drivers.driver;

/** The one mapping of the driver aggregate, to the API and to its events. */
public final class DriverMapper {

    private DriverMapper() {
    }

    public static DriverResponse toResponse(Driver driver) {
        return new DriverResponse(driver.key(), driver.name(), driver.function(), driver.owner(), driver.description(),
                driver.feedsInto(), driver.archived(), driver.revision(), driver.createdAt(), driver.updatedAt());
    }

    public static DriverEventData toEvent(Driver driver) {
        return new DriverEventData(driver.key(), driver.name(), driver.function(), driver.owner(),
                driver.description(), driver.feedsInto(), driver.archived(), driver.revision(), driver.updatedAt());
    }
}
