app_name = "machine"
urlpatterns: list = []
