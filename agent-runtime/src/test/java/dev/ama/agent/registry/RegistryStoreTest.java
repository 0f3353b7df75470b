package dev.ama.agent.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RegistryStoreTest {
  @TempDir static Path dir;
  private static int files;

  static Stream<Function<Path, RegistryStore>> stores() {
    return Stream.of(
        p -> new InMemoryRegistryStore(), p -> H2RegistryStore.open(p.resolve("s" + files++)));
  }

  @ParameterizedTest
  @MethodSource("stores")
  void keeps_one_version_per_agent_and_finds_it_by_owner_counter(Function<Path, RegistryStore> f) {
    try (RegistryStore s = f.apply(dir)) {
      s.put(Fixtures.record("x", Fixtures.A, 1));
      s.put(Fixtures.record("y", Fixtures.A, 2));
      s.put(Fixtures.record("x", Fixtures.A, 3));
      s.put(Fixtures.record("z", Fixtures.B, 1));
      assertThat(s.count()).isEqualTo(3);
      assertThat(s.get("x")).get().extracting(r -> r.version().counter()).isEqualTo(3L);
      assertThat(s.byOwner(Fixtures.A, 0, 10))
          .extracting(RegistryRecord::agentId)
          .containsExactly("y", "x");
      assertThat(s.byOwner(Fixtures.A, 2, 10))
          .extracting(RegistryRecord::agentId)
          .containsExactly("x");
      assertThat(s.owners()).containsExactlyInAnyOrder(Fixtures.A, Fixtures.B);
      assertThat(s.remove("y")).isTrue();
      assertThat(s.remove("y")).isFalse();
      assertThat(s.get("y")).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void looks_up_by_skill_and_name_local_records_first_and_paged(Function<Path, RegistryStore> f) {
    try (RegistryStore s = f.apply(dir)) {
      s.put(Fixtures.record("a1", Fixtures.B, 1));
      s.put(Fixtures.record("a2", Fixtures.A, 1));
      s.put(Fixtures.record("a3", Fixtures.B, 2));
      s.put(Fixtures.record("a4", Fixtures.A, 2).toBuilder().tombstone(true).build());
      assertThat(s.bySkill("temperature", Fixtures.A, 0, 10))
          .extracting(RegistryRecord::agentId)
          .containsExactly("a2", "a1", "a3");
      assertThat(s.bySkill("temperature", Fixtures.A, 1, 1))
          .extracting(RegistryRecord::agentId)
          .containsExactly("a1");
      assertThat(s.bySkill("secret-ops", Fixtures.B, 0, 10)).hasSize(3);
      assertThat(s.bySkill("nothing", Fixtures.B, 0, 10)).isEmpty();
      assertThat(s.byName("name-a3", Fixtures.A, 0, 10))
          .extracting(RegistryRecord::agentId)
          .containsExactly("a3");
      assertThat(s.tombstones("", 10)).extracting(RegistryRecord::agentId).containsExactly("a4");
      assertThat(s.counts().get(Fixtures.B)).isEqualTo(Map.of(RegistryStatus.ONLINE, 2L));
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void finds_silent_records_of_an_owner_oldest_first(Function<Path, RegistryStore> f) {
    try (RegistryStore s = f.apply(dir)) {
      s.put(Fixtures.record("old", Fixtures.A, 1));
      s.put(Fixtures.record("new", Fixtures.A, 500));
      s.put(Fixtures.record("other", Fixtures.B, 1));
      assertThat(s.seenBefore(Fixtures.A, RegistryStatus.ONLINE, Fixtures.T0.plusMillis(100), 10))
          .extracting(RegistryRecord::agentId)
          .containsExactly("old");
      assertThat(s.seenBefore(Fixtures.A, RegistryStatus.OFFLINE, Fixtures.T0.plusSeconds(9), 10))
          .isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void keeps_the_sequence_and_acknowledgements(Function<Path, RegistryStore> f) {
    try (RegistryStore s = f.apply(dir)) {
      assertThat(s.sequence()).isZero();
      s.saveSequence(17);
      s.saveAcknowledged(Fixtures.B, Map.of(Fixtures.A, 5L, Fixtures.B, 9L));
      s.saveAcknowledged(Fixtures.B, Map.of(Fixtures.A, 6L));
      assertThat(s.sequence()).isEqualTo(17);
      assertThat(s.acknowledged(Fixtures.B)).isEqualTo(Map.of(Fixtures.A, 6L, Fixtures.B, 9L));
      assertThat(s.acknowledged(Fixtures.A)).isEmpty();
    }
  }

  @Test
  void h2_store_keeps_everything_across_a_reopen_and_loads_in_batches() {
    Path base = dir.resolve("reopen");
    List<RegistryRecord> many = new ArrayList<>();
    int n = H2RegistryStore.BATCH + 2000; // more than one batch
    for (int i = 1; i <= n; i++) {
      many.add(Fixtures.record("agent-" + i, i % 2 == 0 ? Fixtures.A : Fixtures.B, i));
    }
    try (H2RegistryStore s = H2RegistryStore.open(base)) {
      s.putAll(many);
      s.saveSequence(n);
    }
    try (H2RegistryStore s = H2RegistryStore.open(base)) {
      assertThat(s.count()).isEqualTo(n);
      assertThat(s.sequence()).isEqualTo(n);
      assertThat(s.get("agent-77")).contains(many.get(76));
      assertThat(s.byOwner(Fixtures.A, n - 10, 100)).hasSize(5);
      assertThat(s.get("agent-" + n)).contains(many.get(n - 1));
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void a_new_version_with_other_skills_moves_the_record_between_skill_lookups(
      Function<Path, RegistryStore> f) {
    try (RegistryStore s = f.apply(dir)) {
      RegistryRecord v1 = Fixtures.record("m", Fixtures.A, 1);
      RegistryRecord v2 =
          Fixtures.record("m", Fixtures.A, 2).toBuilder()
              .skills(List.of(Skill.of("temperature"), Skill.of("radar")))
              .build();
      RegistryRecord v3 =
          Fixtures.record("m", Fixtures.A, 3).toBuilder().skills(List.of(Skill.of("wind"))).build();
      s.put(v1);
      s.putAll(List.of(v2, Fixtures.record("n", Fixtures.B, 1))); // an update beside an insert
      assertThat(s.bySkill("secret-ops", Fixtures.A, 0, 10))
          .extracting(RegistryRecord::agentId)
          .containsExactly("n");
      assertThat(s.bySkill("radar", Fixtures.A, 0, 10)).containsExactly(v2);
      // The same agent twice in one call: the later version is what stays, skills included.
      s.putAll(List.of(v2, v3));
      assertThat(s.get("m")).contains(v3);
      assertThat(s.bySkill("radar", Fixtures.A, 0, 10)).isEmpty();
      assertThat(s.bySkill("temperature", Fixtures.A, 0, 10))
          .extracting(RegistryRecord::agentId)
          .containsExactly("n");
      assertThat(s.bySkill("wind", Fixtures.A, 0, 10)).containsExactly(v3);
      assertThat(s.count()).isEqualTo(2);
      assertThat(s.remove("m")).isTrue();
      assertThat(s.bySkill("wind", Fixtures.A, 0, 10)).isEmpty();
      assertThat(s.owners()).containsExactly(Fixtures.B);
    }
  }

  @Test
  void h2_store_commits_a_transaction_at_its_end_and_keeps_nothing_of_a_failed_one() {
    Path base = dir.resolve("tx");
    try (H2RegistryStore s = H2RegistryStore.open(base)) {
      s.inTransaction(
          () -> {
            s.put(Fixtures.record("kept-1", Fixtures.A, 1));
            s.inTransaction(() -> s.put(Fixtures.record("kept-2", Fixtures.A, 2)));
            s.saveSequence(2);
          });
      assertThatThrownBy(
              () ->
                  s.inTransaction(
                      () -> {
                        s.put(Fixtures.record("lost", Fixtures.B, 1));
                        s.saveSequence(3);
                        throw new IllegalStateException("the work fails");
                      }))
          .hasMessage("the work fails");
      assertThat(s.get("lost")).isEmpty();
      assertThat(s.bySkill("temperature", Fixtures.B, 0, 10)).hasSize(2);
      assertThat(s.sequence()).isEqualTo(2);
      // The owner first seen in the failed transaction is gone with it, and comes back cleanly.
      assertThat(s.owners()).containsExactly(Fixtures.A);
      s.put(Fixtures.record("later", Fixtures.B, 1));
    }
    try (H2RegistryStore s = H2RegistryStore.open(base)) {
      assertThat(s.count()).isEqualTo(3);
      assertThat(s.owners()).containsExactlyInAnyOrder(Fixtures.A, Fixtures.B);
      assertThat(s.byOwner(Fixtures.B, 0, 10))
          .extracting(RegistryRecord::agentId)
          .containsExactly("later");
    }
  }

  @Test
  void h2_store_migrates_a_schema_1_file_with_its_records_sequence_and_acks() throws Exception {
    Path base = dir.resolve("v1");
    RegistryEncoder enc = new RegistryEncoder();
    List<RegistryRecord> recs =
        List.of(
            Fixtures.record("p", Fixtures.A, 1),
            Fixtures.record("q", Fixtures.B, 4),
            Fixtures.record("r", Fixtures.A, 2).toBuilder().tombstone(true).build());
    // The schema 1 layout as the previous version of this class wrote it.
    try (var c =
            java.sql.DriverManager.getConnection(
                "jdbc:h2:file:" + base + ";WRITE_DELAY=0", "", "");
        var st = c.createStatement()) {
      st.execute("CREATE TABLE registry_meta (k VARCHAR(64) PRIMARY KEY, v BIGINT NOT NULL)");
      st.execute(
          "CREATE TABLE registry_record (agent_id VARCHAR(1024) PRIMARY KEY,"
              + " owner VARCHAR(1024) NOT NULL, counter BIGINT NOT NULL,"
              + " name VARCHAR(1024) NOT NULL, status TINYINT NOT NULL,"
              + " last_seen BIGINT NOT NULL, tombstone BOOLEAN NOT NULL, data VARBINARY NOT NULL)");
      st.execute("CREATE INDEX registry_record_owner ON registry_record (owner, counter)");
      st.execute("CREATE INDEX registry_record_name ON registry_record (name)");
      st.execute("CREATE INDEX registry_record_seen ON registry_record (owner, status, last_seen)");
      st.execute(
          "CREATE TABLE registry_skill (agent_id VARCHAR(1024) NOT NULL,"
              + " skill VARCHAR(1024) NOT NULL, PRIMARY KEY (agent_id, skill))");
      st.execute("CREATE INDEX registry_skill_name ON registry_skill (skill)");
      st.execute(
          "CREATE TABLE registry_ack (peer VARCHAR(1024) NOT NULL,"
              + " owner VARCHAR(1024) NOT NULL, counter BIGINT NOT NULL, PRIMARY KEY (peer, owner))");
      st.execute("INSERT INTO registry_meta VALUES ('schema', 1), ('sequence', 7)");
      st.execute("INSERT INTO registry_ack VALUES ('" + Fixtures.B + "', '" + Fixtures.A + "', 5)");
      try (var p =
          c.prepareStatement("INSERT INTO registry_record VALUES (?, ?, ?, ?, 1, 0, ?, ?)")) {
        for (RegistryRecord r : recs) {
          p.setString(1, r.agentId());
          p.setString(2, r.home().toString());
          p.setLong(3, r.version().counter());
          p.setString(4, r.name());
          p.setBoolean(5, r.tombstone());
          p.setBytes(6, enc.toBytes(r));
          p.executeUpdate();
        }
      }
    }
    try (H2RegistryStore s = H2RegistryStore.open(base)) {
      assertThat(s.count()).isEqualTo(3);
      assertThat(s.get("q")).contains(recs.get(1));
      assertThat(s.sequence()).isEqualTo(7);
      assertThat(s.acknowledged(Fixtures.B)).isEqualTo(Map.of(Fixtures.A, 5L));
      assertThat(s.bySkill("temperature", Fixtures.A, 0, 10))
          .extracting(RegistryRecord::agentId)
          .containsExactly("p", "q");
      assertThat(s.tombstones("", 10)).extracting(RegistryRecord::agentId).containsExactly("r");
    }
    try (var c =
            java.sql.DriverManager.getConnection(
                "jdbc:h2:file:" + base + ";WRITE_DELAY=0", "", "");
        var st = c.createStatement();
        var rs = st.executeQuery("SELECT v FROM registry_meta WHERE k = 'schema'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(H2RegistryStore.SCHEMA_VERSION);
    }
    try (H2RegistryStore s = H2RegistryStore.open(base)) {
      assertThat(s.byOwner(Fixtures.A, 0, 10))
          .extracting(RegistryRecord::agentId)
          .containsExactly("p", "r");
    }
  }

  @Test
  void h2_store_shows_writes_of_an_open_transaction_to_reads_inside_it() {
    try (H2RegistryStore s = H2RegistryStore.open(dir.resolve("staged"))) {
      s.put(Fixtures.record("t", Fixtures.A, 1).toBuilder().tombstone(true).build());
      s.inTransaction(
          () -> {
            RegistryRecord first = Fixtures.record("n", Fixtures.B, 1);
            s.put(first);
            assertThat(s.get("n")).contains(first);
            RegistryRecord second = Fixtures.record("n", Fixtures.B, 2);
            s.put(second);
            assertThat(s.get("n")).contains(second);
            assertThat(s.byOwner(Fixtures.B, 0, 10)).containsExactly(second);
            s.put(Fixtures.record("t", Fixtures.A, 2)); // the tombstone comes back to life
            assertThat(s.tombstones("", 10)).isEmpty();
            s.put(Fixtures.record("u", Fixtures.A, 3).toBuilder().tombstone(true).build());
          });
      assertThat(s.count()).isEqualTo(3);
      assertThat(s.bySkill("temperature", Fixtures.A, 0, 10))
          .extracting(RegistryRecord::agentId)
          .containsExactly("t", "n");
      assertThat(s.tombstones("", 10)).extracting(RegistryRecord::agentId).containsExactly("u");
      assertThat(s.remove("u")).isTrue();
      assertThat(s.tombstones("", 10)).isEmpty();
    }
  }

  @Test
  void h2_store_migrates_a_schema_2_file_to_a_table_of_tombstones() throws Exception {
    Path base = dir.resolve("v2");
    try (H2RegistryStore s = H2RegistryStore.open(base)) {
      s.putAll(
          List.of(
              Fixtures.record("a", Fixtures.A, 1),
              Fixtures.record("b", Fixtures.A, 2).toBuilder().tombstone(true).build(),
              Fixtures.record("c", Fixtures.B, 1).toBuilder().tombstone(true).build()));
    }
    // Back to the schema 2 layout: an index on (tombstone, agent_id), no tombstone table.
    try (var c =
            java.sql.DriverManager.getConnection(
                "jdbc:h2:file:" + base + ";WRITE_DELAY=0", "", "");
        var st = c.createStatement()) {
      st.execute("DROP TABLE registry_tombstone");
      st.execute("CREATE INDEX registry_record_tomb ON registry_record (tombstone, agent_id)");
      st.execute("UPDATE registry_meta SET v = 2 WHERE k = 'schema'");
    }
    try (H2RegistryStore s = H2RegistryStore.open(base)) {
      assertThat(s.tombstones("", 10))
          .extracting(RegistryRecord::agentId)
          .containsExactly("b", "c");
      assertThat(s.tombstones("b", 10)).extracting(RegistryRecord::agentId).containsExactly("c");
      assertThat(s.get("a")).isPresent();
    }
    try (var c =
            java.sql.DriverManager.getConnection(
                "jdbc:h2:file:" + base + ";WRITE_DELAY=0", "", "");
        var st = c.createStatement()) {
      try (var rs = st.executeQuery("SELECT v FROM registry_meta WHERE k = 'schema'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(H2RegistryStore.SCHEMA_VERSION);
      }
      try (var rs =
          st.executeQuery(
              "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES"
                  + " WHERE INDEX_NAME = 'REGISTRY_RECORD_TOMB'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isZero();
      }
    }
  }

  @Test
  void h2_store_refuses_a_missing_directory_with_a_typed_error() {
    assertThatThrownBy(() -> H2RegistryStore.open(dir.resolve("no/such/dir/file")))
        .isInstanceOfSatisfying(
            RegistryStoreException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryStoreException.Code.STORE_FAILURE));
  }

  @Test
  void h2_store_refuses_another_schema() throws Exception {
    Path base = dir.resolve("schema");
    H2RegistryStore.open(base).close();
    try (var c =
            java.sql.DriverManager.getConnection(
                "jdbc:h2:file:" + base + ";WRITE_DELAY=0", "", "");
        var st = c.createStatement()) {
      st.execute("UPDATE registry_meta SET v = 99 WHERE k = 'schema'");
    }
    assertThat(Files.exists(Path.of(base + ".mv.db"))).isTrue();
    assertThatThrownBy(() -> H2RegistryStore.open(base))
        .isInstanceOfSatisfying(
            RegistryStoreException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryStoreException.Code.CORRUPT));
  }

  @Test
  void a_closed_store_refuses_calls() {
    RegistryStore s = new InMemoryRegistryStore();
    s.close();
    assertThatThrownBy(() -> s.get("x")).isInstanceOf(IllegalStateException.class);
  }
}
