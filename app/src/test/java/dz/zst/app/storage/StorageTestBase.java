package dz.zst.app.storage;

import dz.zst.app.support.ApiTestBase;
import dz.zst.command.storage.FileStorage;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/** The running platform (one shared Spring context, as every API test) plus its storage and a plain HTTP client. */
abstract class StorageTestBase extends ApiTestBase {

    @Autowired
    FileStorage storage;

    ApiCalls api;

    @BeforeEach
    void client() {
        api = new ApiCalls(baseUrl());
    }
}
