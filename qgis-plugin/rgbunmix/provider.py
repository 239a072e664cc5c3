"""The "rgbunmix" Processing provider: one algorithm per process of the configured server, built
when the provider loads (or its settings change) from the server's /processes and /processes/{id}."""
from qgis.core import Qgis, QgsMessageLog, QgsProcessingProvider

from .algorithm import ServerAlgorithm
from .rgbunmix_client import ApiError, Client

SERVER_URL = "RGBUNMIX_SERVER_URL"
TOKEN = "RGBUNMIX_TOKEN"
DEFAULT_URL = "http://127.0.0.1:8080"
LOG_TAG = "rgbunmix"


class RgbunmixProvider(QgsProcessingProvider):
    def __init__(self):
        super().__init__()
        self.server_url = DEFAULT_URL
        self.token = ""

    def id(self):
        return "rgbunmix"

    def name(self):
        return "rgbunmix"

    def longName(self):  # noqa: N802
        return "rgbunmix ({})".format(self.server_url)

    def load(self):
        from processing.core.ProcessingConfig import ProcessingConfig, Setting, settingsWatcher
        ProcessingConfig.settingIcons[self.name()] = self.icon()
        ProcessingConfig.addSetting(Setting(self.name(), SERVER_URL, "Server URL (OGC API - Processes)", DEFAULT_URL))
        ProcessingConfig.addSetting(Setting(self.name(), TOKEN, "Bearer token (empty: none)", ""))
        ProcessingConfig.readSettings()
        self._read_settings()
        # Processing > Options saved: the algorithms of the server now named
        settingsWatcher.settingsChanged.connect(self._settings_changed)
        self.refreshAlgorithms()
        return True

    def unload(self):
        from processing.core.ProcessingConfig import ProcessingConfig, settingsWatcher
        try:
            settingsWatcher.settingsChanged.disconnect(self._settings_changed)
        except TypeError:
            pass
        ProcessingConfig.removeSetting(SERVER_URL)
        ProcessingConfig.removeSetting(TOKEN)

    def _read_settings(self):
        from processing.core.ProcessingConfig import ProcessingConfig
        self.server_url = (ProcessingConfig.getSetting(SERVER_URL) or DEFAULT_URL).strip().rstrip("/")
        self.token = (ProcessingConfig.getSetting(TOKEN) or "").strip()

    def _settings_changed(self, *ignored):
        before = (self.server_url, self.token)
        self._read_settings()
        if (self.server_url, self.token) != before:
            self.refreshAlgorithms()

    def client(self):
        return Client(self.server_url, self.token)

    def loadAlgorithms(self):  # noqa: N802
        client = self.client()
        try:
            descriptions = [client.process(summary["id"]) for summary in client.processes()]
        except (ApiError, ValueError, KeyError) as e:
            # one line in the log, and no algorithms: QGIS starts as usual
            QgsMessageLog.logMessage("no algorithms: the server at {} cannot be used ({})".format(self.server_url, e),
                                     LOG_TAG, Qgis.Warning)
            return
        for description in descriptions:
            self.addAlgorithm(ServerAlgorithm(self.client, description))

    # outputs are written as the server sends them
    def supportedOutputVectorLayerExtensions(self):  # noqa: N802
        return ["geojson"]

    def defaultVectorFileExtension(self, hasGeometry=True):  # noqa: N802,N803
        return "geojson"

    def supportedOutputRasterLayerExtensions(self):  # noqa: N802
        return ["tif"]

    def defaultRasterFileExtension(self):  # noqa: N802
        return "tif"
