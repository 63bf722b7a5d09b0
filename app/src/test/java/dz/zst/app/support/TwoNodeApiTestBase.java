package dz.zst.app.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * An API test whose every test has a {@link SecondNode} on the same database and Redis, started
 * once for the class (a node takes seconds to start) and stopped after its last test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TwoNodeApiTestBase extends ApiTestBase {

    protected SecondNode second;

    @BeforeAll
    void startSecondNode() {
        second = new SecondNode(environment);
    }

    @AfterAll
    void stopSecondNode() {
        second.close();
    }
}
